package se.saknad.cases;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Map;
import se.saknad.children.ChildrenMerging;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;

/** When two records of a child are merged, the cases of the merged one move to the one kept. */
@Singleton
class MovingCasesOnMerge {
  private final Db db;

  MovingCasesOnMerge(Db db) {
    this.db = db;
  }

  @EventListener
  @Transactional
  void moveCases(ChildrenMerging merging) {
    boolean bothOpen =
        db.exists(
            "SELECT 1 FROM disappearance_case WHERE child_id = ? AND status IN ('MISSING', 'LOCATED')"
                + " AND EXISTS (SELECT 1 FROM disappearance_case WHERE child_id = ?"
                + " AND status IN ('MISSING', 'LOCATED'))",
            merging.childId(),
            merging.mergedId());
    if (bothOpen) {
      throw ProblemException.conflict(
          "both-children-missing",
          "Both records have an open case",
          "Close one of the open cases before merging",
          Map.of());
    }
    db.update(
        "UPDATE disappearance_case SET child_id = ? WHERE child_id = ?",
        merging.childId(),
        merging.mergedId());
  }
}
