package se.saknad.messaging.outbox;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * Stores every status callback and moves a delivery forward only: a late "sent" after "delivered"
 * stays in the history but does not change the state, and a repeated callback is harmless.
 */
@Singleton
@Transactional
public class DeliveryStatuses {
  private static final Map<String, String> PROVIDER_TO_STATE =
      Map.of(
          "sent", "SENT",
          "delivered", "DELIVERED",
          "read", "DELIVERED",
          "failed", "FAILED",
          "undelivered", "UNDELIVERED");

  private static final Map<String, String> CALL_TO_STATE =
      Map.of(
          "completed", "DELIVERED",
          "busy", "UNDELIVERED",
          "no-answer", "UNDELIVERED",
          "canceled", "UNDELIVERED",
          "failed", "FAILED");

  /** The order of delivery states: a callback only ever moves a delivery forward. */
  static final String RANK =
      "CASE %s WHEN 'QUEUED' THEN 0 WHEN 'SENDING' THEN 1 WHEN 'SENT' THEN 2"
          + " WHEN 'DELIVERED' THEN 3 WHEN 'FAILED' THEN 3 WHEN 'UNDELIVERED' THEN 3"
          + " WHEN 'ACKNOWLEDGED' THEN 4 END";

  private final Db db;
  private final Clock clock;
  private final CoordinatorNotices notices;

  DeliveryStatuses(Db db, Clock clock, CoordinatorNotices notices) {
    this.db = db;
    this.clock = clock;
    this.notices = notices;
  }

  /**
   * What a callback did: {@code known} is false when it names no delivery of ours; {@code
   * sinceSent} is how long after the provider accepted the message it was delivered, when this
   * callback moved it to DELIVERED; {@code newState} when the callback was new and named a state.
   */
  public record Recorded(boolean known, Optional<Duration> sinceSent, boolean newState) {}

  private static final Recorded UNKNOWN = new Recorded(false, Optional.empty(), false);
  private static final Recorded KNOWN = new Recorded(true, Optional.empty(), false);
  private static final Recorded NEW_STATE = new Recorded(true, Optional.empty(), true);

  public Recorded record(
      UUID deliveryId, String messageSid, String providerStatus, String errorCode) {
    if (deliveryId == null
        || !db.exists("SELECT 1 FROM delivery WHERE id = ? FOR UPDATE", deliveryId)) {
      return UNKNOWN;
    }
    return store(deliveryId, messageSid, providerStatus, errorCode, PROVIDER_TO_STATE, true);
  }

  /**
   * The status callback of a call: stored like an SMS's, moving the call forward only; a call that
   * was not answered is not a failed delivery for the coordinators (the next contact is called).
   * {@code known} is false when it names no call of ours.
   */
  public Recorded recordCall(UUID deliveryId, String callSid, String callStatus, String errorCode) {
    if (deliveryId == null
        || !db.exists(
            "SELECT 1 FROM delivery WHERE id = ? AND channel = 'VOICE' FOR UPDATE", deliveryId)) {
      return UNKNOWN;
    }
    return store(deliveryId, callSid, callStatus, errorCode, CALL_TO_STATE, false);
  }

  private Recorded store(
      UUID deliveryId,
      String messageSid,
      String providerStatus,
      String errorCode,
      Map<String, String> states,
      boolean tellWhenFailed) {
    String status = providerStatus == null ? "unknown" : providerStatus.toLowerCase();
    int stored =
        db.update(
            "INSERT INTO delivery_event (delivery_id, provider_sid, status, error_code, source, at)"
                + " VALUES (?, ?, ?, ?, 'CALLBACK', ?) ON CONFLICT DO NOTHING",
            deliveryId,
            messageSid,
            status,
            errorCode,
            clock.instant());
    String state = states.get(status);
    if (stored == 0 || state == null) {
      return KNOWN;
    }
    // The send's own event says when the provider accepted the message.
    List<Optional<Instant>> movedSentAt =
        db.list(
            "UPDATE delivery SET status = ?, error_code = coalesce(?, error_code), updated_at = ?"
                + " WHERE id = ? AND "
                + RANK.formatted("status")
                + " < "
                + RANK.formatted("?")
                + " RETURNING (SELECT max(e.at) FROM delivery_event e WHERE e.delivery_id = delivery.id"
                + " AND e.source = 'SEND' AND e.status IN ('SENT', 'DELIVERED')) AS sent_at",
            rs -> Optional.ofNullable(Db.instant(rs, "sent_at")),
            state,
            errorCode,
            clock.instant(),
            deliveryId,
            state);
    int moved = movedSentAt.size();
    if (tellWhenFailed && moved == 1 && ("FAILED".equals(state) || "UNDELIVERED".equals(state))) {
      db.one(
              "SELECT case_id, alert_id IS NULL AS notice FROM delivery WHERE id = ?",
              rs -> rs.getBoolean("notice") ? null : Db.uuid(rs, "case_id"),
              deliveryId)
          .ifPresent(caseId -> notices.deliveryFailed(caseId, deliveryId, errorCode));
    }
    if (moved == 1 && "DELIVERED".equals(state)) {
      return new Recorded(
          true, movedSentAt.get(0).map(sent -> Duration.between(sent, clock.instant())), true);
    }
    return NEW_STATE;
  }
}
