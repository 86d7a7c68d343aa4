package se.saknad.retention;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.sms.ErasingMessages;

/**
 * Erases the personal data of children whose last case was closed longer ago than {@code
 * saknad.retention.personal-data} (two years by default). What identifies the child goes: names,
 * aliases, the birth date (its year stays), dossier number, description, guardian, the SMS texts
 * that named the child, exact places (moved to a point inside the municipality) and free text the
 * child did not consent to research use of. What research reads stays: gender, nationality, the age
 * fixed at each report, municipalities, times, risk grade and the coded debrief fields, so the
 * research rows and statistics are the same before and after.
 *
 * <p>This job spans the tables of several features on purpose: erasure must be one transaction per
 * child, so that a child is never left half erased.
 */
@Singleton
public class ErasingPersonalData {
  private static final Logger LOG = LoggerFactory.getLogger(ErasingPersonalData.class);
  private static final String JOB = "job:retention";

  private final Db db;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration keepFor;
  private final ErasingMessages messages;
  private final se.saknad.children.ChildPhotos photos;

  ErasingPersonalData(
      Db db,
      AuditTrail audit,
      Clock clock,
      @Value("${saknad.retention.personal-data:730d}") Duration keepFor,
      ErasingMessages messages,
      se.saknad.children.ChildPhotos photos) {
    this.photos = photos;
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.keepFor = keepFor;
    this.messages = messages;
  }

  @Scheduled(fixedDelay = "${saknad.retention.interval:6h}", initialDelay = "5m")
  void scheduled() {
    int erased = eraseExpired();
    if (erased > 0) {
      LOG.info("Retention: erased the personal data of {} children", erased);
    }
  }

  /** Erases every child now past the retention period; returns how many. */
  @Transactional
  public int eraseExpired() {
    Instant cutoff = clock.instant().minus(keepFor);
    List<UUID> children =
        db.list(
            """
            SELECT c.id FROM child c
            WHERE c.erased_at IS NULL
              AND EXISTS (SELECT 1 FROM disappearance_case d WHERE d.child_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM disappearance_case d WHERE d.child_id = c.id
                              AND (d.status <> 'CLOSED' OR d.closed_at IS NULL OR d.closed_at > ?))
            FOR UPDATE OF c SKIP LOCKED
            """,
            rs -> Db.uuid(rs, "id"),
            cutoff);
    children.forEach(this::erase);
    // Replies that concerned no case are kept as long as a child's data, then erased too.
    messages.eraseUnmatchedInboundBefore(cutoff);
    return children.size();
  }

  private void erase(UUID child) {
    Instant now = clock.instant();
    db.update(
        """
        UPDATE child SET given_name = 'Raderad', family_name = '', aliases = '{}',
          estimated_birth_year = coalesce(extract(year FROM date_of_birth)::int, estimated_birth_year),
          date_of_birth = NULL, dossier_number = NULL, description = '', guardian_name = NULL,
          guardian_phone = NULL, search_names = '', erased_at = ?, updated_at = ?
        WHERE id = ?
        """,
        now,
        now,
        child);
    db.update("UPDATE child_change SET before = NULL, after = NULL WHERE child_id = ?", child);
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
        child);
    db.update(
        """
        UPDATE sighting s SET note = '',
          location = (SELECT ST_PointOnSurface(m.geom)::geography FROM municipality m
                      WHERE m.code = s.municipality_code)
        WHERE s.case_id IN (SELECT id FROM disappearance_case WHERE child_id = ?)
        """,
        child);
    db.update(
        """
        UPDATE alert a SET center = d.search_center FROM disappearance_case d
        WHERE a.case_id = d.id AND d.child_id = ?
        """,
        child);
    db.update(
        """
        UPDATE case_return SET location = NULL, note = '', found_by = '', condition = ''
        WHERE case_id IN (SELECT id FROM disappearance_case WHERE child_id = ?)
        """,
        child);
    messages.eraseMessagesAbout(
        db.list(
            "SELECT id FROM disappearance_case WHERE child_id = ?",
            rs -> Db.uuid(rs, "id"),
            child));
    // Free text without the child's consent to research use goes, judged per version (a later
    // version with consent does not keep an earlier one's words); coded fields stay.
    db.update(
        """
        UPDATE debrief SET reasons_text = '', child_statement = '', not_held_reason = NULL
        WHERE NOT consent_to_research
          AND case_id IN (SELECT id FROM disappearance_case WHERE child_id = ?)
        """,
        child);
    db.update(
        """
        UPDATE debrief_version v SET content = v.content || jsonb_build_object(
            'reasonsText', '', 'childStatement', '', 'notHeldReason', NULL)
        WHERE NOT v.consent_to_research
          AND v.case_id IN (SELECT id FROM disappearance_case WHERE child_id = ?)
        """,
        child);
    // Every version of the child's photo goes with the rest.
    photos.eraseAll(child);
    audit.record(null, "PERSONAL_DATA_ERASED", child, null, JOB);
  }
}
