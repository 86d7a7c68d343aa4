package se.saknad.children;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.common.Sweden;

/**
 * The child records' part of erasing a child's personal data: which records are due, the lock on
 * one of them with the records merged into it, and the columns that identify the child. The birth
 * date's year, gender, nationality and the responsible municipality stay for research.
 *
 * <p>A record is due once every case of the child was closed before the cutoff and the placement
 * (when its end was recorded) ended by the cutoff day; a child who never went missing once the
 * placement ended, or the 21st birthday passed when no end was recorded (no placement of an
 * unaccompanied child lasts beyond it), by the cutoff day. A child with a case that is not closed
 * is never due. The rule lives here, beside the rows it reads, and the caller says only how far
 * back the cutoff lies: the retention period is the caller's.
 *
 * <p>The lock and the writes join the caller's transaction and refuse to run without one
 * (MANDATORY), so that the records are erased together with the rest of the child's data or not at
 * all.
 */
@Singleton
public class ErasingChildRecords {
  /**
   * Whether the child record {@code c} (one that was not merged away) is due: parameters are the
   * cutoff instant, then the cutoff day twice.
   */
  private static final String DUE =
      """
      c.merged_into IS NULL AND c.erased_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM disappearance_case d WHERE d.child_id = c.id
                      AND (d.status NOT IN ('CLOSED', 'WITHDRAWN') OR d.closed_at IS NULL
                           OR d.closed_at > ?))
      AND (c.placement_ended_on IS NULL OR c.placement_ended_on <= ?)
      AND (EXISTS (SELECT 1 FROM disappearance_case d WHERE d.child_id = c.id)
           OR least(c.placement_ended_on,
                    coalesce((c.date_of_birth + interval '21 years')::date,
                             make_date(c.estimated_birth_year + 22, 1, 1))) <= ?)
      """;

  private final Db db;

  ErasingChildRecords(Db db) {
    this.db = db;
  }

  /**
   * The records (not merged into another) due for erasure at {@code cutoff}, and those erased
   * earlier whose merged records were not erased with them yet.
   */
  @Transactional
  public List<UUID> dueForErasure(Instant cutoff) {
    LocalDate day = Sweden.dayOf(cutoff);
    return db.list(
        "SELECT c.id FROM child c WHERE "
            + DUE
            + " OR (c.merged_into IS NULL AND c.erased_at IS NOT NULL AND EXISTS"
            + " (SELECT 1 FROM child x WHERE x.erased_at IS NULL AND x.merged_into = c.id))",
        rs -> Db.uuid(rs, "id"),
        cutoff,
        day,
        day);
  }

  /**
   * Locks {@code root} (a record not merged into another) until the caller's transaction ends, when
   * it is still due at {@code cutoff} and no other instance holds it, and answers it with the
   * records merged into it that are not erased yet; empty when there is nothing to erase.
   */
  @Transactional(TxType.MANDATORY)
  public List<UUID> lockForErasure(UUID root, Instant cutoff) {
    LocalDate day = Sweden.dayOf(cutoff);
    boolean due =
        db.exists(
            "SELECT c.id FROM child c WHERE c.id = ? AND ("
                + DUE
                + " OR c.erased_at IS NOT NULL) FOR UPDATE OF c SKIP LOCKED",
            root,
            cutoff,
            day,
            day);
    if (!due) {
      return List.of();
    }
    return db.list(
        """
        WITH RECURSIVE member(id) AS (
          SELECT ?::uuid
          UNION SELECT c.id FROM child c JOIN member m ON c.merged_into = m.id)
        SELECT m.id FROM member m JOIN child c ON c.id = m.id WHERE c.erased_at IS NULL
        """,
        rs -> Db.uuid(rs, "id"),
        root);
  }

  /** Blanks what identifies the child in these records and in their change history. */
  @Transactional(TxType.MANDATORY)
  public void erase(Collection<UUID> records, Instant now) {
    db.update(
        """
        UPDATE child SET given_name = 'Raderad', family_name = '', aliases = '{}',
          estimated_birth_year = coalesce(extract(year FROM date_of_birth)::int, estimated_birth_year),
          date_of_birth = NULL, dossier_number = NULL, description = '', languages = '{}',
          risk_indicators = '{}', guardian_name = NULL, guardian_phone = NULL, search_names = '',
          erased_at = ?, updated_at = ?
        WHERE id = ANY(?::uuid[])
        """,
        now,
        now,
        records);
    db.update(
        "UPDATE child_change SET before = NULL, after = NULL WHERE child_id = ANY(?::uuid[])",
        records);
  }
}
