package se.saknad.messaging.outbox;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * The one way into the outbox. Every message Saknad sends is a delivery row written here, in the
 * caller's transaction, with one column list and one priority rule; the dispatchers are woken here
 * with a NOTIFY that PostgreSQL delivers when that transaction commits, so a rolled-back change
 * sends nothing.
 */
@Singleton
@Transactional
public class EnqueuingMessages {
  /** Police first: claimed before everyone else, and first again after a provider outage. */
  static final int URGENT = 0;

  /** Then what the coordinators must hear about a broken alert chain. */
  static final int NOTICE = 1;

  static final int NORMAL = 2;

  /**
   * One message to one phone. {@code caseId} and {@code alertId} are null for messages about no
   * case or no alert; {@code recipientKind} is a recipient kind (POLICE, GUARDIAN, ...) or OTHER.
   * {@code subjectId} names what else the message is about (a concern), so that its owner can
   * {@link #settle} it; {@code escalateFrom}, when set, is when an unacknowledged message starts to
   * escalate instead of the recipient's escalateAfterMinutes after it was queued.
   */
  public record Message(
      UUID caseId,
      UUID alertId,
      UUID recipientId,
      UUID contactId,
      String recipientKind,
      String phone,
      String body,
      boolean ackRequired,
      UUID subjectId,
      Instant escalateFrom) {
    public Message {
      Objects.requireNonNull(recipientKind, "recipientKind");
      Objects.requireNonNull(phone, "phone");
      Objects.requireNonNull(body, "body");
    }

    public Message(
        UUID caseId,
        UUID alertId,
        UUID recipientId,
        UUID contactId,
        String recipientKind,
        String phone,
        String body,
        boolean ackRequired) {
      this(
          caseId,
          alertId,
          recipientId,
          contactId,
          recipientKind,
          phone,
          body,
          ackRequired,
          null,
          null);
    }
  }

  private static final String INSERT =
      "INSERT INTO delivery (id, alert_id, case_id, recipient_id, contact_id, recipient_kind,"
          + " phone, body, status, priority, next_attempt_at, ack_required, created_at, updated_at,"
          + " channel, subject_id, escalate_from)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?, ?)";

  private final Db db;
  private final Clock clock;

  EnqueuingMessages(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Queues one message; returns the delivery's id. */
  public UUID enqueue(Message message) {
    return enqueueAll(List.of(message)).get(0);
  }

  /** Queues every message in one batch; returns the deliveries' ids in the same order. */
  public List<UUID> enqueueAll(Collection<Message> messages) {
    return insert(messages, null, "SMS");
  }

  /**
   * Queues a call that reads {@code message.body()} to the phone and asks for 1 to acknowledge; it
   * goes through the same claims, leases, retries and pacing as an SMS. Returns its id.
   */
  public UUID enqueueCall(Message message) {
    return insert(List.of(message), null, "VOICE").get(0);
  }

  /**
   * Set-based: one delivery per row of {@code select}, which must yield the columns {@code case_id,
   * alert_id, recipient_id, contact_id, recipient_kind, phone, body, ack_required} (uuid, uuid,
   * uuid, uuid, text, text, text, boolean). Returns how many were queued.
   */
  public int enqueueSelected(String select, Object... params) {
    return enqueueSelected(null, select, params);
  }

  /**
   * Set-based, in one statement with whatever else the caller writes: {@code with} is a list of
   * common table expressions placed at the top of the statement (so they may write, e.g. {@code
   * name AS (INSERT ... RETURNING ...)}), and {@code select}, as above, may read from them. {@code
   * params} fill the {@code ?} of {@code with} and then of {@code select}, in the order they are
   * written. The dispatchers are woken by the same statement. Returns how many were queued.
   */
  public int enqueueSelected(String with, String select, Object... params) {
    Object[] all = new Object[params.length + 1];
    all[0] = clock.instant();
    System.arraycopy(params, 0, all, 1, params.length);
    return db.one(
            "WITH queued_at AS (SELECT ?::timestamptz AS t), "
                + (with == null ? "" : with + ", ")
                + "queued AS (INSERT INTO delivery (id, alert_id, case_id, recipient_id, contact_id,"
                + " recipient_kind, phone, body, status, priority, next_attempt_at, ack_required,"
                + " created_at, updated_at)"
                + " SELECT gen_random_uuid(), m.alert_id, m.case_id, m.recipient_id, m.contact_id,"
                + " m.recipient_kind, m.phone, m.body, 'QUEUED',"
                + " CASE WHEN m.recipient_kind = 'POLICE' THEN "
                + URGENT
                + " ELSE "
                + NORMAL
                + " END, q.t, m.ack_required, q.t, q.t FROM ("
                + select
                + ") m CROSS JOIN queued_at q RETURNING 1)"
                // NOTIFY only when something was queued; delivered when the transaction commits.
                + " SELECT count(*) AS queued, (SELECT pg_notify('"
                + SmsDispatcher.CHANNEL
                + "', '') FROM queued LIMIT 1) AS woken FROM queued",
            rs -> rs.getInt("queued"),
            all)
        .orElse(0);
  }

  /**
   * The Cancel of a case. An Alert or Update not yet sent is withdrawn (the child is back: it would
   * only alarm); {@code body} goes to every phone that was told anything about the case (sent or
   * being sent); nobody chases an acknowledgement for it any more. Returns how many Cancels were
   * queued.
   */
  public int enqueueCancel(UUID caseId, UUID alertId, String body) {
    Instant now = clock.instant();
    // First, so that a delivery a dispatcher is sending right now counts as told below.
    db.update(
        """
        UPDATE delivery d SET status = 'WITHDRAWN', updated_at = ?
        FROM alert a
        WHERE a.id = d.alert_id AND d.case_id = ? AND d.status = 'QUEUED'
          AND a.msg_type <> 'Cancel'
        """,
        now,
        caseId);
    db.update(
        "UPDATE delivery SET ack_required = false, updated_at = ? WHERE case_id = ? AND ack_required",
        now,
        caseId);
    return enqueueSelected(
        "SELECT DISTINCT ON (phone) case_id, ?::uuid AS alert_id, recipient_id, contact_id,"
            + " recipient_kind, phone, ?::text AS body, false AS ack_required"
            + " FROM delivery WHERE case_id = ? AND phone <> ''"
            + " AND status IN ('SENDING', 'SENT', 'DELIVERED', 'ACKNOWLEDGED')"
            + " ORDER BY phone, created_at",
        alertId,
        body,
        caseId);
  }

  /**
   * What the messages about {@code subjectId} asked for was done (a concern was assessed): nobody
   * chases an acknowledgement for them any more. Returns how many were waiting.
   */
  public int settle(UUID subjectId) {
    Instant now = clock.instant();
    return db.update(
        "UPDATE delivery SET acknowledged_at = ?, updated_at = ? WHERE subject_id = ?"
            + " AND ack_required AND acknowledged_at IS NULL",
        now,
        now,
        subjectId);
  }

  /** A message to the coordinators: ahead of everything but police alerts. */
  void enqueueNotice(UUID caseId, List<String> phones, String body) {
    List<Message> messages = new ArrayList<>();
    for (String phone : phones) {
      messages.add(new Message(caseId, null, null, null, "OTHER", phone, body, false));
    }
    insert(messages, NOTICE, "SMS");
  }

  private List<UUID> insert(Collection<Message> messages, Integer priority, String channel) {
    Instant now = clock.instant();
    List<UUID> ids = new ArrayList<>(messages.size());
    List<Object[]> rows = new ArrayList<>(messages.size());
    for (Message m : messages) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      rows.add(
          new Object[] {
            id,
            m.alertId(),
            m.caseId(),
            m.recipientId(),
            m.contactId(),
            m.recipientKind(),
            m.phone(),
            m.body(),
            priority != null ? priority : "POLICE".equals(m.recipientKind()) ? URGENT : NORMAL,
            now,
            m.ackRequired(),
            now,
            now,
            channel,
            m.subjectId(),
            m.escalateFrom()
          });
    }
    db.batch(INSERT, rows);
    if (!rows.isEmpty()) {
      wakeDispatchers();
    }
    return ids;
  }

  /** Delivered to listening dispatchers when the transaction commits. */
  private void wakeDispatchers() {
    db.one("SELECT pg_notify(?, '')", rs -> Boolean.TRUE, SmsDispatcher.CHANNEL);
  }
}
