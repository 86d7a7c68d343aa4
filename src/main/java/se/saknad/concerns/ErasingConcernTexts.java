package se.saknad.concerns;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * The retention job's part in the concerns: the notes and assessment notes of a child's concerns
 * (what staff and social services wrote in their own words) are blanked; the coded signs, outcomes
 * and times stay. Runs only inside the job's transaction.
 */
@Singleton
public class ErasingConcernTexts {
  private final Db db;

  ErasingConcernTexts(Db db) {
    this.db = db;
  }

  /** Blanks the texts of the concerns about these child records; answers the concerns' ids. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<UUID> eraseTextsOf(Collection<UUID> childRecords) {
    if (childRecords.isEmpty()) {
      return List.of();
    }
    return db.list(
        "UPDATE concern SET note = '', assessment_note = CASE WHEN assessment_note IS NULL"
            + " THEN NULL ELSE '' END WHERE child_id = ANY (?::uuid[]) RETURNING id",
        rs -> Db.uuid(rs, "id"),
        childRecords);
  }
}
