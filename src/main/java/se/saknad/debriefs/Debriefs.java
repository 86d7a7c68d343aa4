package se.saknad.debriefs;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseAccess;
import se.saknad.cases.CaseAccess.VisibleCase;
import se.saknad.cases.CaseApi.Status;
import se.saknad.common.ProblemException;
import se.saknad.debriefs.DebriefApi.DebriefRequest;
import se.saknad.debriefs.DebriefApi.DebriefView;
import se.saknad.debriefs.DebriefVersions.Current;
import se.saknad.security.Caller;

/**
 * The interview with a child who came back: one per case, corrections kept as versions ({@link
 * DebriefVersions}). The returned cases still waiting for theirs are {@link CasesAwaitingDebrief}.
 */
@Singleton
@Transactional
public class Debriefs {
  private final CaseAccess caseAccess;
  private final DebriefVersions versions;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration clockSkew;
  private final ApplicationEventPublisher<Object> events;

  Debriefs(
      CaseAccess caseAccess,
      DebriefVersions versions,
      AuditTrail audit,
      Clock clock,
      @Value("${saknad.clock-skew:5m}") Duration clockSkew,
      ApplicationEventPublisher<Object> events) {
    this.caseAccess = caseAccess;
    this.versions = versions;
    this.audit = audit;
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.events = events;
  }

  /** A first debrief, or with {@code correction} the next version of one. */
  public DebriefView record(
      Caller caller, UUID caseId, DebriefRequest request, boolean correction, String endpoint) {
    VisibleCase kase = readableCase(caller, caseId);
    requireReturned(kase);
    Optional<Current> current = versions.lockCurrent(caseId);
    int version = DebriefVersions.nextVersion(current, correction);
    CheckedDebrief debrief =
        CheckedDebrief.of(request, kase.returnedAt(), clock.instant().plus(clockSkew));
    DebriefView view = versions.write(caseId, kase.debriefDueBy(), version, debrief, caller);
    auditRecording(caller, kase, correction, current, view, endpoint);
    handOffToReferrals(view);
    return view;
  }

  public DebriefView read(Caller caller, UUID caseId, String endpoint) {
    VisibleCase kase = readableCase(caller, caseId);
    DebriefView view =
        versions
            .load(caseId, kase.debriefDueBy())
            .orElseThrow(() -> ProblemException.notFound("debrief"));
    audit.record(caller, "DEBRIEF_READ", kase.childId(), caseId, endpoint);
    return view;
  }

  /**
   * The case, when the caller may also see its debrief (staff of the child's home and coordinators
   * through the case, social services by {@link DebriefScope}). Out of scope is 404, like the case.
   */
  private VisibleCase readableCase(Caller caller, UUID caseId) {
    VisibleCase kase = caseAccess.require(caller, caseId);
    if (!DebriefScope.allows(caller, kase)) {
      throw ProblemException.notFound("debrief");
    }
    return kase;
  }

  private static void requireReturned(VisibleCase kase) {
    if (kase.status() != Status.RETURNED && kase.status() != Status.CLOSED
        || kase.returnedAt() == null) {
      throw ProblemException.conflict(
          "case-not-returned",
          "The child has not returned",
          "A debrief is recorded after the return",
          Map.of("status", kase.status().name()));
    }
  }

  private void auditRecording(
      Caller caller,
      VisibleCase kase,
      boolean correction,
      Optional<Current> before,
      DebriefView view,
      String endpoint) {
    String action = correction ? "DEBRIEF_CORRECTED" : "DEBRIEF_RECORDED";
    audit.record(caller, action, kase.childId(), kase.id(), endpoint);
    if (before.isPresent() && before.get().consent() != view.consentToResearch()) {
      // The action names the change: GIVEN is false before, true after; WITHDRAWN the reverse.
      audit.record(
          caller,
          view.consentToResearch() ? "DEBRIEF_CONSENT_GIVEN" : "DEBRIEF_CONSENT_WITHDRAWN",
          kase.childId(),
          kase.id(),
          endpoint);
    }
  }

  /**
   * The coded answers go to referrals, which opens one on signs of exploitation, in this
   * transaction.
   */
  private void handOffToReferrals(DebriefView view) {
    events.publishEvent(
        new DebriefEvents.DebriefRecorded(
            view.caseId(), view.whereabouts(), view.exploitationIndicators()));
  }
}
