package se.saknad.common;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background loops of this instance (the SMS dispatcher and its listener, escalation, calls,
 * widening, debrief reminders, referrals, retention, deletions at the provider), each on a thread
 * of its own and supervised: whatever a round throws, an {@link Error} such as running out of
 * memory included, the loop starts again after a backoff (1 s, doubling, at most {@code
 * saknad.workers.backoff-max}, never later than its own interval). A worker is down while an Error
 * ended one of its rounds less than {@code saknad.workers.recovered-after} ago (a worker that runs
 * out of memory on a message would otherwise look up between two attempts), while it has failed
 * {@code saknad.workers.down-after-failures} rounds in a row, while its round has run longer than
 * {@code saknad.workers.stuck-after}, or when its thread is gone: the {@code workers} component of
 * /health is DOWN and {@code saknad_worker_up} is 0 for it.
 */
@Singleton
public class Workers {
  private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

  /** What a worker is doing now, as /health and the metric tell it. */
  public enum State {
    /** Waiting for its first round, or between rounds that succeed. */
    UP,
    /** Its last round failed with an exception; it runs again after the backoff. */
    FAILING,
    /** An Error ended a round lately, or it failed too often in a row, or its thread is gone. */
    DEAD,
    /** Its round has run longer than saknad.workers.stuck-after. */
    STUCK
  }

  /** A worker's state for /health: its name, state, failures in a row and the last failure. */
  public record Status(
      String name, State state, int failuresInARow, String lastFailure, Instant lastRoundEnded) {
    public boolean up() {
      return state == State.UP || state == State.FAILING;
    }
  }

  private final MeterRegistry meters;
  private final Duration backoffMax;
  private final Duration stuckAfter;
  private final int downAfterFailures;
  private final Duration recoveredAfter;
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();

  Workers(
      MeterRegistry meters,
      @Value("${saknad.workers.backoff-max:30s}") Duration backoffMax,
      @Value("${saknad.workers.stuck-after:10m}") Duration stuckAfter,
      @Value("${saknad.workers.down-after-failures:3}") int downAfterFailures,
      @Value("${saknad.workers.recovered-after:1m}") Duration recoveredAfter) {
    this.meters = meters;
    this.backoffMax = backoffMax;
    this.stuckAfter = stuckAfter;
    this.downAfterFailures = downAfterFailures;
    this.recoveredAfter = recoveredAfter;
  }

  /** A loop that runs {@code round} again and again on its own thread; the round waits itself. */
  public Worker loop(String name, Runnable round) {
    return start(name, Duration.ZERO, Duration.ZERO, backoffMax, round);
  }

  /**
   * The same, starting again at most {@code backoffMax} after a failure: for a loop that must be
   * back within seconds once the database or the heap is (the SMS dispatcher).
   */
  public Worker loop(String name, Duration backoffMax, Runnable round) {
    return start(
        name,
        Duration.ZERO,
        Duration.ZERO,
        backoffMax.compareTo(this.backoffMax) < 0 ? backoffMax : this.backoffMax,
        round);
  }

  /**
   * A job that runs {@code round} {@code initialDelay} after start-up and then {@code interval}
   * after each round ends.
   */
  public Worker every(String name, Duration initialDelay, Duration interval, Runnable round) {
    return start(name, initialDelay, interval, backoffMax, round);
  }

  private synchronized Worker start(
      String name, Duration initialDelay, Duration interval, Duration backoffMax, Runnable round) {
    String unique = name;
    for (int n = 2; workers.containsKey(unique); n++) {
      unique = name + "-" + n;
    }
    Worker worker = new Worker(unique, initialDelay, interval, backoffMax, round);
    workers.put(unique, worker);
    worker.thread.start();
    worker.gauge =
        Gauge.builder("saknad.worker.up", worker, w -> w.status().up() ? 1 : 0)
            .description("1 while the background worker runs its rounds, 0 while it is down")
            .tag("worker", unique)
            .register(meters);
    meters.counter("saknad.worker.failures", "worker", unique);
    return worker;
  }

  /**
   * Called by a long round between its pieces of work (one child erased, one batch deleted): the
   * round is making progress, so it is not stuck however long it takes as a whole.
   */
  public static void progressing() {
    Worker current = CURRENT.get();
    if (current != null && current.roundStartedNanos >= 0) {
      current.roundStartedNanos = System.nanoTime();
    }
  }

  private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

  /** Every worker of this instance, by name. */
  public List<Status> statuses() {
    List<Status> all = new ArrayList<>();
    workers.values().forEach(w -> all.add(w.status()));
    all.sort(java.util.Comparator.comparing(Status::name));
    return all;
  }

  @PreDestroy
  void stopAll() {
    new ArrayList<>(workers.values()).forEach(Worker::stop);
  }

  /** One supervised loop and its thread. */
  public final class Worker {
    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private final Duration backoffMax;
    private final Runnable round;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long roundStartedNanos = -1;
    private volatile int failuresInARow;
    private volatile long lastErrorNanos = -1;
    private volatile String lastFailure;
    private volatile Instant lastRoundEnded;
    private Gauge gauge;

    private Worker(
        String name,
        Duration initialDelay,
        Duration interval,
        Duration backoffMax,
        Runnable round) {
      this.name = name;
      this.initialDelay = initialDelay;
      this.interval = interval;
      this.backoffMax = backoffMax;
      this.round = round;
      this.thread = new Thread(this::supervise, "worker-" + name);
      this.thread.setDaemon(true);
    }

    public String name() {
      return name;
    }

    /** Stops the loop (a round in progress is interrupted) and forgets the worker. */
    public void stop() {
      running = false;
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workers.remove(name, this);
      if (gauge != null) {
        meters.remove(gauge);
      }
    }

    public Status status() {
      State state;
      long started = roundStartedNanos;
      if (running && !thread.isAlive()) {
        state = State.DEAD;
      } else if (started >= 0 && System.nanoTime() - started > stuckAfter.toNanos()) {
        state = State.STUCK;
      } else if ((lastErrorNanos >= 0
              && System.nanoTime() - lastErrorNanos < recoveredAfter.toNanos())
          || failuresInARow >= downAfterFailures) {
        state = State.DEAD;
      } else if (failuresInARow > 0) {
        state = State.FAILING;
      } else {
        state = State.UP;
      }
      return new Status(name, state, failuresInARow, lastFailure, lastRoundEnded);
    }

    private void supervise() {
      CURRENT.set(this);
      if (!pause(initialDelay)) {
        return;
      }
      while (running) {
        roundStartedNanos = System.nanoTime();
        Duration next = interval;
        try {
          round.run();
          failuresInARow = 0;
        } catch (Throwable failure) {
          if (!running) {
            return;
          }
          failuresInARow++;
          if (!(failure instanceof Exception)) {
            lastErrorNanos = System.nanoTime();
          }
          lastFailure = failure.getClass().getName();
          meters.counter("saknad.worker.failures", "worker", name).increment();
          next = backoff(failuresInARow);
          // The class and where it was thrown, never the message: it may quote what was sent.
          LOG.warn(
              "Worker {} failed ({} at {}, {} in a row); it starts again in {} ms",
              name,
              failure.getClass().getName(),
              firstFrame(failure),
              failuresInARow,
              next.toMillis());
        } finally {
          roundStartedNanos = -1;
          lastRoundEnded = Instant.now();
        }
        if (!pause(next)) {
          return;
        }
      }
    }

    /** 1 s doubling per failure in a row, at most the configured maximum and the interval. */
    private Duration backoff(int failures) {
      Duration doubled = Duration.ofSeconds(1L << Math.min(failures - 1, 20));
      Duration wait = doubled.compareTo(backoffMax) > 0 ? backoffMax : doubled;
      return interval.isZero() || interval.compareTo(wait) > 0 ? wait : interval;
    }

    private boolean pause(Duration wait) {
      if (wait.isZero() || wait.isNegative()) {
        return running;
      }
      try {
        Thread.sleep(wait.toMillis());
        return running;
      } catch (InterruptedException e) {
        return false;
      }
    }
  }

  private static String firstFrame(Throwable failure) {
    StackTraceElement[] frames = failure.getStackTrace();
    for (StackTraceElement frame : frames) {
      if (frame.getClassName().startsWith("se.saknad.")) {
        return frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber();
      }
    }
    return frames.length == 0 ? "?" : frames[0].toString();
  }
}
