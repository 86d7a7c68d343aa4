package se.saknad.sms;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import se.saknad.common.Db;

/** What the log gateway stored, read for the SMS sandbox. */
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
        "SELECT sid, to_phone, body, created_at FROM sms_log ORDER BY created_at DESC, id DESC"
            + " LIMIT 100",
        rs ->
            new SmsSandbox.SentMessage(
                rs.getString("sid"),
                rs.getString("to_phone"),
                rs.getString("body"),
                Db.instant(rs, "created_at")));
  }

  boolean sentTo(String phone) {
    return db.exists("SELECT 1 FROM sms_log WHERE to_phone = ?", phone);
  }
}
