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

  /** The newest 100, each with the delivery it was sent for: whom and which case. */
  List<SmsSandbox.SentMessage> newest() {
    return db.list(
        """
        SELECT l.sid, l.to_phone, l.body, l.created_at, l.channel,
               d.recipient_kind, r.name AS recipient_name, rc.name AS contact_name,
               d.case_id, c.code AS case_code
        FROM (SELECT * FROM sms_log ORDER BY created_at DESC, id DESC LIMIT 100) l
        LEFT JOIN LATERAL (SELECT recipient_kind, recipient_id, contact_id, case_id FROM delivery
                           WHERE provider_sid = l.sid LIMIT 1) d ON true
        LEFT JOIN recipient r ON r.id = d.recipient_id
        LEFT JOIN recipient_contact rc ON rc.id = d.contact_id
        LEFT JOIN disappearance_case c ON c.id = d.case_id
        ORDER BY l.created_at DESC, l.id DESC
        """,
        rs ->
            new SmsSandbox.SentMessage(
                rs.getString("sid"),
                rs.getString("to_phone"),
                rs.getString("body"),
                Db.instant(rs, "created_at"),
                rs.getString("channel"),
                rs.getString("recipient_name"),
                rs.getString("recipient_kind"),
                rs.getString("contact_name"),
                Db.uuid(rs, "case_id"),
                rs.getString("case_code")));
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
