package se.saknad.messaging.outbox;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * Erases what the SMS tables and the provider hold about cases: message texts, the guardian's
 * phone, and the replies. Called by the retention job inside its transaction, so that a child is
 * never left half erased; the deletions at the provider are queued here in the same transaction and
 * carried out afterwards by {@link ErasingAtTheProvider}, retried until the provider confirms.
 */
@Singleton
@Transactional
public class ErasingMessages {
  private final Db db;
  private final Clock clock;

  ErasingMessages(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Blanks the text of every message sent about these cases (in the outbox and the log gateway's
   * log), the phone of the guardian's deliveries, and the replies matched to these cases; queues
   * the deletion of each of those messages at the provider.
   */
  public void eraseMessagesAbout(Collection<UUID> caseIds) {
    if (caseIds.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    // The provider's ids first, while the rows still say which messages they are.
    db.update(
        "INSERT INTO provider_erasure (sid, direction, status, next_attempt_at, created_at)"
            + " SELECT DISTINCT provider_sid, 'OUTBOUND', 'PENDING', ?::timestamptz, ?::timestamptz FROM delivery"
            + " WHERE case_id = ANY(?::uuid[]) AND provider_sid IS NOT NULL"
            + " ON CONFLICT (sid) DO NOTHING",
        now,
        now,
        caseIds);
    db.update(
        "INSERT INTO provider_erasure (sid, direction, status, next_attempt_at, created_at)"
            + " SELECT message_sid, 'INBOUND', 'PENDING', ?::timestamptz, ?::timestamptz FROM inbound_message"
            + " WHERE case_id = ANY(?::uuid[]) ON CONFLICT (sid) DO NOTHING",
        now,
        now,
        caseIds);
    // A guardian answering from their phone: the number goes with the text.
    db.update(
        """
        UPDATE inbound_message i SET body = '',
          from_phone = CASE WHEN EXISTS (
              SELECT 1 FROM delivery d WHERE d.case_id = i.case_id
                AND d.recipient_kind = 'GUARDIAN' AND d.phone = i.from_phone)
            THEN '' ELSE i.from_phone END
        WHERE i.case_id = ANY(?::uuid[])
        """,
        caseIds);
    db.update(
        """
        UPDATE sms_log l SET body = '',
          to_phone = CASE WHEN v.recipient_kind = 'GUARDIAN' THEN '' ELSE l.to_phone END
        FROM delivery v
        WHERE v.provider_sid = l.sid AND v.case_id = ANY(?::uuid[])
        """,
        caseIds);
    db.update(
        """
        UPDATE delivery SET body = '', updated_at = ?,
          phone = CASE WHEN recipient_kind = 'GUARDIAN' THEN '' ELSE phone END
        WHERE case_id = ANY(?::uuid[])
        """,
        now,
        caseIds);
  }

  /**
   * Blanks the text of every message sent about these subjects (concerns: no case), in the outbox
   * and the log gateway's log, and the guardian's phone; queues their deletion at the provider.
   */
  public void eraseMessagesAboutSubjects(Collection<UUID> subjectIds) {
    if (subjectIds.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    db.update(
        "INSERT INTO provider_erasure (sid, direction, status, next_attempt_at, created_at)"
            + " SELECT DISTINCT provider_sid, 'OUTBOUND', 'PENDING', ?::timestamptz, ?::timestamptz"
            + " FROM delivery WHERE subject_id = ANY(?::uuid[]) AND provider_sid IS NOT NULL"
            + " ON CONFLICT (sid) DO NOTHING",
        now,
        now,
        subjectIds);
    db.update(
        """
        UPDATE sms_log l SET body = '',
          to_phone = CASE WHEN v.recipient_kind = 'GUARDIAN' THEN '' ELSE l.to_phone END
        FROM delivery v
        WHERE v.provider_sid = l.sid AND v.subject_id = ANY(?::uuid[])
        """,
        subjectIds);
    db.update(
        """
        UPDATE delivery SET body = '', updated_at = ?,
          phone = CASE WHEN recipient_kind = 'GUARDIAN' THEN '' ELSE phone END
        WHERE subject_id = ANY(?::uuid[])
        """,
        now,
        subjectIds);
  }

  /**
   * Blanks the text and sender of every reply received before {@code cutoff} that concerned no case
   * (help answers, stray texts, opt-outs), and queues their deletion at the provider. Returns how
   * many replies were erased.
   */
  public int eraseUnmatchedInboundBefore(Instant cutoff) {
    Instant now = clock.instant();
    db.update(
        "INSERT INTO provider_erasure (sid, direction, status, next_attempt_at, created_at)"
            + " SELECT message_sid, 'INBOUND', 'PENDING', ?::timestamptz, ?::timestamptz FROM inbound_message"
            + " WHERE case_id IS NULL AND received_at < ? AND (body <> '' OR from_phone <> '')"
            + " ON CONFLICT (sid) DO NOTHING",
        now,
        now,
        cutoff);
    return db.update(
        "UPDATE inbound_message SET body = '', from_phone = '' WHERE case_id IS NULL"
            + " AND received_at < ? AND (body <> '' OR from_phone <> '')",
        cutoff);
  }
}
