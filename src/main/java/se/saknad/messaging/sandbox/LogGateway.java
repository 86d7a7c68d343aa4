package se.saknad.messaging.sandbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.messaging.outbox.SmsConfig;
import se.saknad.messaging.provider.SmsGateway;

/**
 * The embedded default's gateway: stores each SMS and call in the database and prints it (the body
 * only when saknad.sms.print-bodies is on, as in the embedded default), so the whole flow runs on
 * one machine with no provider.
 */
@Singleton
@Requires(missingProperty = "twilio.account-sid")
public class LogGateway implements SmsGateway {
  private static final Logger LOG = LoggerFactory.getLogger("saknad.sms.log-gateway");

  private final TransactionOperations<Connection> transactions;
  private final JdbcOperations jdbc;
  private final SmsConfig config;
  private final Clock clock;

  public LogGateway(
      TransactionOperations<Connection> transactions,
      JdbcOperations jdbc,
      SmsConfig config,
      Clock clock) {
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Result send(String to, String body, String statusCallbackUrl) {
    String sid = "LG" + UUID.randomUUID().toString().replace("-", "");
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "INSERT INTO sms_log (sid, to_phone, body, created_at) VALUES (?, ?, ?, ?)",
                s -> {
                  s.setString(1, sid);
                  s.setString(2, to);
                  s.setString(3, body);
                  s.setTimestamp(4, Timestamp.from(clock.instant()));
                  return s.executeUpdate();
                }));
    if (config.printBodies()) {
      LOG.info("SMS {} to {}: {}", sid, to, body);
    } else {
      LOG.info(
          "SMS {} to ...{} ({} characters)",
          sid,
          to.substring(Math.max(0, to.length() - 3)),
          body.length());
    }
    return new Accepted(sid, "sent");
  }

  /**
   * A call is logged with where its key press and its end are to be reported: the SMS sandbox
   * answers it from there, signed like the provider's webhooks.
   */
  @Override
  public Result call(String to, String text, String gatherUrl, String statusCallbackUrl) {
    String sid = "LC" + UUID.randomUUID().toString().replace("-", "");
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "INSERT INTO sms_log (sid, to_phone, body, created_at, channel, gather_url,"
                    + " status_callback_url) VALUES (?, ?, ?, ?, 'VOICE', ?, ?)",
                s -> {
                  s.setString(1, sid);
                  s.setString(2, to);
                  s.setString(3, text);
                  s.setTimestamp(4, Timestamp.from(clock.instant()));
                  s.setString(5, gatherUrl);
                  s.setString(6, statusCallbackUrl);
                  return s.executeUpdate();
                }));
    if (config.printBodies()) {
      LOG.info("Call {} to {}: {}", sid, to, text);
    } else {
      LOG.info("Call {} to ...{}", sid, to.substring(Math.max(0, to.length() - 3)));
    }
    return new Accepted(sid, "queued");
  }

  /** The log is the provider here: its copy of the text is the one to erase. */
  @Override
  public Erasure erase(String sid) {
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                "UPDATE sms_log SET body = '' WHERE sid = ?",
                s -> {
                  s.setString(1, sid);
                  return s.executeUpdate();
                }));
    return new Erased();
  }
}
