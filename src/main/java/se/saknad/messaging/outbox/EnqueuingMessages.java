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
  /**
   * What a message is, for the order in which the outbox sends: the first alert of a new case goes
   * before the coordinators' notices of a broken alert chain, and those before everything else
   * (Updates, widening, Cancels, escalation re-sends, reminders, referrals, concerns).
   */
  public enum Lane {
    FIRST_ALERT,
    NOTICE,
    OTHER
  }

  /**
   * The one priority rule: the lane, then the case's risk (HIGH before ELEVATED before STANDARD; a
   * message about no case counts as STANDARD), then police before everyone else. Lower goes first;
   * within a priority, cases take turns ({@code turn}, the message's place among its case's
   * messages of one batch), then the time a message became due.
   */
  static final String PRIORITY_SQL =
      "(%s * 100 + coalesce((SELECT CASE c.risk_level WHEN 'HIGH' THEN 0 WHEN 'ELEVATED' THEN 10"
          + " ELSE 20 END FROM disappearance_case c WHERE c.id = %s), 20)"
          + " + CASE WHEN %s = 'POLICE' THEN 0 ELSE 1 END)";

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
          + " phone, body, status, priority, turn, next_attempt_at, ack_required, created_at,"
          + " updated_at, channel, subject_id, escalate_from)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', "
          + PRIORITY_SQL.formatted("?", "?::uuid", "?")
          + ", ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final UUID NO_CASE = new UUID(0, 0);

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
    return insert(messages, Lane.OTHER, "SMS");
  }

  /**
   * Queues a call that reads {@code message.body()} to the phone and asks for 1 to acknowledge; it
   * goes through the same claims, leases, retries and pacing as an SMS. Returns its id.
   */
  public UUID enqueueCall(Message message) {
    return insert(List.of(message), Lane.OTHER, "VOICE").get(0);
  }

  /**
   * Set-based: one delivery per row of {@code select}, which must yield the columns {@code case_id,
   * alert_id, recipient_id, contact_id, recipient_kind, phone, body, ack_required} (uuid, uuid,
   * uuid, uuid, text, text, text, boolean). Returns how many were queued.
   */
  public int enqueueSelected(String select, Object... params) {
    return enqueueSelected(Lane.OTHER, null, select, params);
  }

  /**
   * Set-based, in one statement with whatever else the caller writes: {@code with} is a list of
   * common table expressions placed at the top of the statement (so they may write, e.g. {@code
   * name AS (INSERT ... RETURNING ...)}), and {@code select}, as above, may read from them. {@code
   * params} fill the {@code ?} of {@code with} and then of {@code select}, in the order they are
   * written. The dispatchers are woken by the same statement. Returns how many were queued.
   */
  public int enqueueSelected(Lane lane, String with, String select, Object... params) {
    Object[] all = new Object[params.length + 1];
    all[0] = clock.instant();
    System.arraycopy(params, 0, all, 1, params.length);
    return db.one(
            "WITH queued_at AS (SELECT ?::timestamptz AS t), "
                + (with == null ? "" : with + ", ")
                + "queued AS (INSERT INTO delivery (id, alert_id, case_id, recipient_id, contact_id,"
                + " recipient_kind, phone, body, status, priority, turn, next_attempt_at,"
                + " ack_required, created_at, updated_at)"
                + " SELECT gen_random_uuid(), m.alert_id, m.case_id, m.recipient_id, m.contact_id,"
                + " m.recipient_kind, m.phone, m.body, 'QUEUED', "
                + PRIORITY_SQL.formatted(lane.ordinal(), "m.case_id", "m.recipient_kind")
                // police take the first turns of their case
                + ", (row_number() OVER (PARTITION BY m.case_id ORDER BY"
                + " m.recipient_kind <> 'POLICE', m.phone))::int - 1,"
                + " q.t, m.ack_required, q.t, q.t FROM ("
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
    insert(messages, Lane.NOTICE, "SMS");
  }

  private List<UUID> insert(Collection<Message> messages, Lane lane, String channel) {
    Instant now = clock.instant();
    List<UUID> ids = new ArrayList<>(messages.size());
    List<Object[]> rows = new ArrayList<>(messages.size());
    java.util.Map<UUID, Integer> turns = new java.util.HashMap<>();
    List<Message> inTurn = new ArrayList<>(messages);
    // police take the first turns of their case
    inTurn.sort(java.util.Comparator.comparing(m -> !"POLICE".equals(m.recipientKind())));
    java.util.Map<Message, Integer> turnOf = new java.util.IdentityHashMap<>();
    for (Message m : inTurn) {
      turnOf.put(m, turns.merge(m.caseId() == null ? NO_CASE : m.caseId(), 1, Integer::sum) - 1);
    }
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
            lane.ordinal(),
            m.caseId(),
            m.recipientKind(),
            turnOf.get(m),
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
