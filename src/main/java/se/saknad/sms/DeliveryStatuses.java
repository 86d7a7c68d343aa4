package se.saknad.sms;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * Stores every status callback and moves a delivery forward only: a late "sent" after "delivered"
 * stays in the history but does not change the state, and a repeated callback is harmless.
 */
@Singleton
@Transactional
class DeliveryStatuses {
  private static final Map<String, String> PROVIDER_TO_STATE =
      Map.of(
          "sent", "SENT",
          "delivered", "DELIVERED",
          "read", "DELIVERED",
          "failed", "FAILED",
          "undelivered", "UNDELIVERED");

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

  /** Returns false when the callback names no delivery of ours. */
  boolean record(UUID deliveryId, String messageSid, String providerStatus, String errorCode) {
    if (deliveryId == null
        || !db.exists("SELECT 1 FROM delivery WHERE id = ? FOR UPDATE", deliveryId)) {
      return false;
    }
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
    String state = PROVIDER_TO_STATE.get(status);
    if (stored == 0 || state == null) {
      return true;
    }
    int moved =
        db.update(
            "UPDATE delivery SET status = ?, error_code = coalesce(?, error_code), updated_at = ?"
                + " WHERE id = ? AND "
                + RANK.formatted("status")
                + " < "
                + RANK.formatted("?"),
            state,
            errorCode,
            clock.instant(),
            deliveryId,
            state);
    if (moved == 1 && ("FAILED".equals(state) || "UNDELIVERED".equals(state))) {
      db.one(
              "SELECT case_id, alert_id IS NULL AS notice FROM delivery WHERE id = ?",
              rs -> rs.getBoolean("notice") ? null : Db.uuid(rs, "case_id"),
              deliveryId)
          .ifPresent(caseId -> notices.deliveryFailed(caseId, deliveryId, errorCode));
    }
    return true;
  }
}
