package se.saknad.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the SQL statements a request sends to PostgreSQL, for tests that keep lists free of one
 * query per row. The PostgreSQL driver reports every statement (a batch as one) it sends at level
 * FINEST on the thread that sends it; a statement is counted for the request being served on that
 * thread when the request carries {@link #HEADER}. Background jobs serve no request, so they never
 * disturb a count.
 */
public final class StatementCounter {
  /** Send this header with any value; {@link #count} answers for that value. */
  public static final String HEADER = "X-Count-Statements";

  private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
  private static final Handler HANDLER =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message = record.getMessage();
          if (message != null
              && (message.startsWith("  simple execute")
                  || message.startsWith("  batch execute"))) {
            ServerRequestContext.currentRequest()
                .map(HttpRequest::getHeaders)
                .flatMap(headers -> headers.findFirst(HEADER))
                .ifPresent(
                    label ->
                        COUNTS.computeIfAbsent(label, k -> new AtomicInteger()).incrementAndGet());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private StatementCounter() {}

  /** Starts listening to the driver; until {@link #stop}. */
  public static void start() {
    HANDLER.setLevel(Level.FINEST);
    DRIVER.addHandler(HANDLER);
    DRIVER.setLevel(Level.FINEST);
  }

  public static void stop() {
    DRIVER.removeHandler(HANDLER);
    DRIVER.setLevel(null);
  }

  /** Statements sent so far by requests that carried {@code HEADER: label}. */
  public static int count(String label) {
    AtomicInteger n = COUNTS.get(label);
    return n == null ? 0 : n.get();
  }
}
