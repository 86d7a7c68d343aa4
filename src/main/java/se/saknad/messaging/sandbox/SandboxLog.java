package se.saknad.messaging.sandbox;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import se.saknad.common.Db;
import se.saknad.messaging.provider.SandboxKey;

/** What the log gateway stored (SMS and calls), read for the SMS sandbox. */
@Singleton
@Transactional
@Requires(beans = SandboxKey.class)
class SandboxLog {
  private final Db db;

  SandboxLog(Db db) {
    this.db = db;
  }

  List<SmsSandbox.SentMessage> newest() {
    return db.list(
        "SELECT sid, to_phone, body, created_at, channel FROM sms_log"
            + " ORDER BY created_at DESC, id DESC LIMIT 100",
        rs ->
            new SmsSandbox.SentMessage(
                rs.getString("sid"),
                rs.getString("to_phone"),
                rs.getString("body"),
                Db.instant(rs, "created_at"),
                rs.getString("channel")));
  }

  /** A call the log gateway "placed": whom, and where it reports a key press and its end. */
  record LoggedCall(String sid, String to, String gatherUrl, String statusCallbackUrl) {}

  Optional<LoggedCall> call(String sid) {
    return db.one(
        "SELECT sid, to_phone, gather_url, status_callback_url FROM sms_log"
            + " WHERE sid = ? AND channel = 'VOICE'",
        rs ->
            new LoggedCall(
                rs.getString("sid"),
                rs.getString("to_phone"),
                rs.getString("gather_url"),
                rs.getString("status_callback_url")),
        sid);
  }

  boolean sentTo(String phone) {
    return db.exists("SELECT 1 FROM sms_log WHERE to_phone = ?", phone);
  }
}
