package se.saknad.common;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of threads with a bounded queue that refuses work when full ({@link
 * java.util.concurrent.RejectedExecutionException}) instead of letting the queue, and the wait of
 * everyone in it, grow without end. The refusal is answered 503 with Retry-After (see {@link
 * ProblemResponses}).
 */
public final class BoundedPool {
  private BoundedPool() {}

  /** {@code threads} threads named {@code name-1, name-2 …}, at most {@code queue} waiting. */
  public static ThreadPoolExecutor create(String name, int threads, int queue) {
    if (threads < 1 || queue < 1) {
      throw new IllegalArgumentException(name + ": threads and queue must be at least 1");
    }
    AtomicInteger number = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            factory,
            new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
