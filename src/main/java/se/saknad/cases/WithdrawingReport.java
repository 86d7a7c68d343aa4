package se.saknad.cases;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.cases.CaseApi.Status;
import se.saknad.cases.CaseApi.Withdrawal;
import se.saknad.cases.CaseRecords.CaseRow;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * A report sent by mistake (the child was in the house all along) is withdrawn by the home that
 * sent it or a coordinator: everyone told gets a Cancel saying so, nothing more is sent or chased,
 * and the case counts in no statistics, repeat pattern or debrief list. It stays on record, with
 * its reason, for the audit trail. Only a case still MISSING, without sightings, and reported
 * within {@code saknad.withdraw-within}: once someone has seen the child out, or a day has passed,
 * the child was missing and the way out is a return.
 */
@Singleton
@Transactional
class WithdrawingReport {
  private final Db db;
  private final CaseAccess access;
  private final CaseRecords records;
  private final Cases cases;
  private final AuditTrail audit;
  private final ApplicationEventPublisher<Object> events;
  private final Duration within;

  WithdrawingReport(
      Db db,
      CaseAccess access,
      CaseRecords records,
      Cases cases,
      AuditTrail audit,
      ApplicationEventPublisher<Object> events,
      @Value("${saknad.withdraw-within:24h}") Duration within) {
    this.db = db;
    this.access = access;
    this.records = records;
    this.cases = cases;
    this.audit = audit;
    this.events = events;
    this.within = within;
  }

  CaseView withdraw(Caller caller, UUID caseId, Withdrawal withdrawal, String endpoint) {
    if (!caller.is(Role.HVB_STAFF, Role.COORDINATOR)) {
      throw ProblemException.forbidden("only the home's staff or a coordinator withdraw a report");
    }
    String reason = withdrawal.reason().strip();
    access.require(caller, caseId);
    CaseRow row = records.findForUpdate(caseId).orElseThrow();
    if (row.status() != Status.MISSING) {
      throw refused(row, "only a case still missing can be withdrawn; record a return instead");
    }
    if (records.now().isAfter(row.reportedAt().plus(within))) {
      throw refused(
          row, "the report is older than " + within.toHours() + " hours; record a return instead");
    }
    if (db.exists("SELECT 1 FROM sighting WHERE case_id = ?", caseId)) {
      throw refused(row, "the child was seen outside; record a return instead");
    }
    db.update(
        "UPDATE disappearance_case SET status = 'WITHDRAWN', closed_at = ?, withdrawal_reason = ?"
            + " WHERE id = ?",
        records.now(),
        reason,
        caseId);
    audit.record(caller, "REPORT_WITHDRAWN", row.childId(), caseId, endpoint);
    events.publishEvent(new CaseEvents.ReportWithdrawn(caseId));
    return cases.viewAfterChange(caller, caseId);
  }

  private static ProblemException refused(CaseRow row, String detail) {
    return ProblemException.conflict(
        "case-not-withdrawable",
        "The report can no longer be withdrawn",
        detail,
        Map.of("status", row.status().name()));
  }
}
