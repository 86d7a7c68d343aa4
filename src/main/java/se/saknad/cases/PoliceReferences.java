package se.saknad.cases;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseApi.PoliceReference;
import se.saknad.cases.CaseApi.PoliceReferenceRequest;
import se.saknad.cases.CaseApi.SisCategory;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * The police's own case number and whether they issued a Schengen (SIS) alert, with its category.
 * Saknad never writes SIS or Interpol itself; it shows every reader of the case what the police
 * did, so that nobody asks them again. Set by the police of an alerted recipient (the same rule as
 * acknowledging) and by coordinators; each change audited.
 */
@Singleton
@Transactional
class PoliceReferences {
  private final Db db;
  private final CaseAccess access;
  private final BeanProvider<CaseAcknowledgements> acknowledgements;
  private final AuditTrail audit;
  private final Clock clock;

  PoliceReferences(
      Db db,
      CaseAccess access,
      BeanProvider<CaseAcknowledgements> acknowledgements,
      AuditTrail audit,
      Clock clock) {
    this.db = db;
    this.access = access;
    this.acknowledgements = acknowledgements;
    this.audit = audit;
    this.clock = clock;
  }

  PoliceReference set(Caller caller, UUID caseId, PoliceReferenceRequest request, String endpoint) {
    CaseAccess.VisibleCase kase = access.require(caller, caseId);
    if (caller.is(Role.POLICE)
        && !(acknowledgements.isPresent()
            && acknowledgements.get().mayAcknowledge(caller, caseId))) {
      throw ProblemException.forbidden("the police of a recipient that was alerted set this");
    }
    if (!caller.is(Role.POLICE, Role.COORDINATOR)) {
      throw ProblemException.forbidden("the police and coordinators set the police reference");
    }
    SisCategory category = request.sisCategory();
    if (request.sisAlert() && category == null) {
      throw ProblemException.invalid("sisCategory", "is needed when a SIS alert was issued");
    }
    if (!request.sisAlert() && category != null) {
      throw ProblemException.invalid("sisCategory", "is given only when a SIS alert was issued");
    }
    Instant now = clock.instant();
    db.update(
        """
        INSERT INTO police_reference (case_id, reference, sis_alert, sis_category, set_by, set_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (case_id) DO UPDATE SET reference = excluded.reference,
          sis_alert = excluded.sis_alert, sis_category = excluded.sis_category,
          set_by = excluded.set_by, set_at = excluded.set_at
        """,
        caseId,
        request.reference().strip(),
        request.sisAlert(),
        category,
        caller.userId(),
        now);
    audit.record(caller, "POLICE_REFERENCE_SET", kase.childId(), caseId, endpoint);
    return new PoliceReference(request.reference().strip(), request.sisAlert(), category, now);
  }

  /** The references of these cases, by case id (none: no entry); one statement. */
  Map<UUID, PoliceReference> of(Collection<UUID> caseIds) {
    Map<UUID, PoliceReference> found = new HashMap<>();
    if (caseIds.isEmpty()) {
      return found;
    }
    db.list(
            "SELECT * FROM police_reference WHERE case_id = ANY (?::uuid[])",
            rs ->
                Map.entry(
                    Db.uuid(rs, "case_id"),
                    new PoliceReference(
                        rs.getString("reference"),
                        rs.getBoolean("sis_alert"),
                        rs.getString("sis_category") == null
                            ? null
                            : SisCategory.valueOf(rs.getString("sis_category")),
                        Db.instant(rs, "set_at"))),
            caseIds)
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }
}
