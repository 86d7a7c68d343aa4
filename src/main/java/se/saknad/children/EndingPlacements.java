package se.saknad.children;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.common.Sweden;
import se.saknad.security.Caller;

/**
 * Records that a child's placement in the home ended: the child leaves the home's list, and the
 * child's personal data is erased once the retention period has passed since that day (and since
 * the last case closed). Posting again corrects the day.
 */
@Singleton
@Transactional
class EndingPlacements {
  private final Db db;
  private final ChildRows rows;
  private final ChildAccess access;
  private final ChildHistory history;
  private final AuditTrail audit;
  private final Clock clock;

  EndingPlacements(
      Db db,
      ChildRows rows,
      ChildAccess access,
      ChildHistory history,
      AuditTrail audit,
      Clock clock) {
    this.db = db;
    this.rows = rows;
    this.access = access;
    this.history = history;
    this.audit = audit;
    this.clock = clock;
  }

  ChildView endPlacement(Caller caller, UUID id, LocalDate endedOn, String endpoint) {
    ChildView before = access.require(caller, id);
    access.requireMayChange(caller, before.homeId());
    if (before.mergedInto() != null) {
      throw ProblemException.conflict(
          "child-merged",
          "The record was merged into another",
          "End the placement on the record it was merged into",
          Map.of("mergedInto", before.mergedInto().toString()));
    }
    if (endedOn.isAfter(Sweden.today(clock))) {
      throw ProblemException.invalid("endedOn", "lies in the future");
    }
    if (before.dateOfBirth() != null && endedOn.isBefore(before.dateOfBirth())) {
      throw ProblemException.invalid("endedOn", "lies before the date of birth");
    }
    db.update(
        "UPDATE child SET placement_ended_on = ?, updated_at = ? WHERE id = ?",
        endedOn,
        clock.instant(),
        id);
    ChildView after = rows.find(id).orElseThrow();
    history.record(id, caller, "PLACEMENT_ENDED", before, after);
    audit.record(caller, "CHILD_PLACEMENT_ENDED", id, null, endpoint);
    return after;
  }
}
