package se.saknad.common;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;

/**
 * The threads requests are handled on (README, "Threads"). Netty's event loop only reads and writes
 * bytes; every controller method, whatever it returns, runs on this bounded pool ({@code
 * micronaut.server.thread-selection: BLOCKING} and {@link RequestExecutorSelector}), because
 * handlers block: JDBC, bcrypt, image decoding, PDF rendering. When every thread is busy and the
 * queue is full, a request is answered 503 with Retry-After at once rather than waiting behind
 * everyone else.
 */
@Factory
class RequestThreads {
  /** The bean name of the request pool. */
  static final String REQUESTS = "requests";

  /** Thread names start with this; a test checks handlers run on no other thread. */
  static final String THREAD_PREFIX = "request";

  @Singleton
  @Named(REQUESTS)
  @Bean(preDestroy = "shutdown")
  ExecutorService requests(
      @Value("${saknad.requests.threads:32}") int threads,
      @Value("${saknad.requests.queue:256}") int queue) {
    return BoundedPool.create(THREAD_PREFIX, threads, queue);
  }
}
