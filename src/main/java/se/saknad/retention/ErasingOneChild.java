package se.saknad.retention;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildPhotos;
import se.saknad.common.Db;
import se.saknad.sms.ErasingMessages;

/**
 * Erases one child, with every record merged into it, in one transaction, so that a child is never
 * left half erased. What identifies the child goes: names, aliases, the birth date (its year
 * stays), dossier number, description, languages, risk indicators, guardian, the history snapshots,
 * the guardian's phone as an alert audience key, photos, the SMS texts that named the child, exact
 * places (moved to a point inside the municipality) and every debrief text the child did not
 * consent to research use of. What research reads stays: gender, nationality, the age and home
 * municipality fixed at each report, municipalities, times, risk grade and the coded debrief
 * fields, so research rows and statistics are the same before and after.
 *
 * <p>This job spans the tables of several features on purpose: erasure must be one transaction.
 */
@Singleton
class ErasingOneChild {
  private static final String JOB = "job:retention";

  private final Db db;
  private final AuditTrail audit;
  private final ErasingMessages messages;
  private final ChildPhotos photos;
  private final Clock clock;

  ErasingOneChild(
      Db db, AuditTrail audit, ErasingMessages messages, ChildPhotos photos, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.messages = messages;
    this.photos = photos;
    this.clock = clock;
  }

  /** The records (not merged into another) that are due, or whose merged records still are. */
  @Transactional
  List<UUID> due(Instant cutoff, LocalDate cutoffDay) {
    // Also records merged into a child erased before merged records were erased with it.
    return db.list(
        "SELECT c.id FROM child c WHERE "
            + ErasingPersonalData.DUE
            + " OR (c.merged_into IS NULL AND c.erased_at IS NOT NULL AND EXISTS"
            + " (SELECT 1 FROM child x WHERE x.erased_at IS NULL AND x.merged_into = c.id))",
        rs -> Db.uuid(rs, "id"),
        cutoff,
        cutoffDay,
        cutoffDay);
  }

  /**
   * Erases {@code root} (a record not merged into another) and the records merged into it, when it
   * is still due and no other instance is at it; returns whether it erased anything.
   */
  @Transactional
  boolean erase(UUID root, Instant cutoff, LocalDate cutoffDay) {
    boolean due =
        db.one(
                "SELECT c.id FROM child c WHERE c.id = ? AND ("
                    + ErasingPersonalData.DUE
                    + " OR c.erased_at IS NOT NULL) FOR UPDATE OF c SKIP LOCKED",
                rs -> Boolean.TRUE,
                root,
                cutoff,
                cutoffDay,
                cutoffDay)
            .isPresent();
    if (!due) {
      return false;
    }
    List<UUID> records =
        db.list(
            """
            WITH RECURSIVE member(id) AS (
              SELECT ?::uuid
              UNION SELECT c.id FROM child c JOIN member m ON c.merged_into = m.id)
            SELECT m.id FROM member m JOIN child c ON c.id = m.id WHERE c.erased_at IS NULL
            """,
            rs -> Db.uuid(rs, "id"),
            root);
    if (records.isEmpty()) {
      return false;
    }
    Object ids = records.stream().map(UUID::toString).toList();
    Instant now = clock.instant();
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
        ids);
    db.update(
        "UPDATE child_change SET before = NULL, after = NULL WHERE child_id = ANY(?::uuid[])", ids);
    // The cases of merged records were moved to the root: they are all its cases now.
    String cases = "SELECT id FROM disappearance_case WHERE child_id = ?";
    // Exact places become a point inside the municipality they lay in.
    db.update(
        """
        UPDATE disappearance_case d SET
          last_seen_location = (SELECT ST_PointOnSurface(m.geom)::geography FROM municipality m
                                WHERE m.code = d.municipality_code),
          search_center = (SELECT ST_PointOnSurface(m.geom)::geography FROM municipality m
                           WHERE m.code = d.municipality_code),
          last_seen_place = '', clothing = '', circumstances = ''
        WHERE d.child_id = ?
        """,
        root);
    db.update(
        """
        UPDATE sighting s SET note = '',
          location = (SELECT ST_PointOnSurface(m.geom)::geography FROM municipality m
                      WHERE m.code = s.municipality_code)
        WHERE s.case_id IN (%s)
        """
            .formatted(cases),
        root);
    db.update(
        """
        UPDATE alert a SET center = d.search_center FROM disappearance_case d
        WHERE a.case_id = d.id AND d.child_id = ?
        """,
        root);
    db.update(
        """
        UPDATE case_return SET location = NULL, note = '', found_by = '', condition = ''
        WHERE case_id IN (%s)
        """
            .formatted(cases),
        root);
    // The guardian was an audience of the case under its phone number.
    db.update(
        """
        UPDATE case_audience SET audience_key = 'erased:' || gen_random_uuid()
        WHERE recipient_id IS NULL AND case_id IN (%s)
        """
            .formatted(cases),
        root);
    // Texts, the guardian's phone and replies, here and at the provider.
    messages.eraseMessagesAbout(
        db.list(
            "SELECT id FROM disappearance_case WHERE child_id = ?", rs -> Db.uuid(rs, "id"), root));
    // Free text without the child's consent to research use goes, judged per version (a later
    // version with consent does not keep an earlier one's words); coded fields stay.
    db.update(
        """
        UPDATE debrief SET reasons_text = '', child_statement = '', not_held_reason = NULL
        WHERE NOT consent_to_research AND case_id IN (%s)
        """
            .formatted(cases),
        root);
    db.update(
        """
        UPDATE debrief_version v SET content = v.content || jsonb_build_object(
            'reasonsText', '', 'childStatement', '', 'notHeldReason', NULL)
        WHERE NOT v.consent_to_research AND v.case_id IN (%s)
        """
            .formatted(cases),
        root);
    for (UUID record : records) {
      // Every version of every photo goes with the rest.
      photos.eraseAll(record);
      audit.record(null, "PERSONAL_DATA_ERASED", record, null, JOB);
    }
    return true;
  }
}
