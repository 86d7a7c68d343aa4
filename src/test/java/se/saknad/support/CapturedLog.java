package se.saknad.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps every line the service logs during the tests (message and stack trace), so that the tests
 * can assert that no personal data reached the log. Attached in logback-test.xml.
 */
public class CapturedLog extends AppenderBase<ILoggingEvent> {
  private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(": ");
    line.append(event.getFormattedMessage());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(thrown));
    }
    LINES.add(line.toString());
  }

  /** The lines logged since the last {@link #drain}, which still gets them. */
  public static List<String> lines() {
    return new ArrayList<>(LINES);
  }

  /** The lines logged since the last call, and forgets them. */
  public static List<String> drain() {
    List<String> lines = new ArrayList<>();
    for (String line; (line = LINES.poll()) != null; ) {
      lines.add(line);
    }
    return lines;
  }
}
