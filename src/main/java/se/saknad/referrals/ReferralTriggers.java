package se.saknad.referrals;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import se.saknad.cases.CaseEvents;
import se.saknad.cases.Cases;
import se.saknad.common.Db;
import se.saknad.debriefs.DebriefEvents;
import se.saknad.referrals.ReferralApi.Reason;

/**
 * Opens referrals from what other features record, in their transaction: a debrief with signs of
 * exploitation or with unknown adults, a report on a child marked as suspected victim of
 * trafficking or exploitation, and a repeat case (the repeat pattern is an indicator: the referral
 * suggests that the coordinator weigh it; nothing classifies the child).
 */
@Singleton
@Transactional
class ReferralTriggers {
  private final Referrals referrals;
  private final Db db;
  private final Cases cases;

  ReferralTriggers(Referrals referrals, Db db, Cases cases) {
    this.referrals = referrals;
    this.db = db;
    this.cases = cases;
  }

  @EventListener
  void onDebrief(DebriefEvents.DebriefRecorded event) {
    List<Reason> reasons = new ArrayList<>();
    List<String> indicators =
        event.exploitationIndicators().stream().filter(i -> !i.equals("NONE_OBSERVED")).toList();
    if (!indicators.isEmpty()) {
      reasons.add(Reason.EXPLOITATION_INDICATORS);
    }
    if (event.whereabouts().contains("WITH_UNKNOWN_ADULTS")) {
      reasons.add(Reason.WITH_UNKNOWN_ADULTS);
    }
    referrals.openAutomatically(event.caseId(), reasons, indicators);
  }

  @EventListener
  void onReport(CaseEvents.CaseOpened event) {
    List<String> indicators =
        db.one(
                "SELECT c.risk_indicators FROM disappearance_case d JOIN child c"
                    + " ON c.id = d.child_id WHERE d.id = ?",
                rs -> Db.strings(rs, "risk_indicators"),
                event.caseId())
            .orElse(List.of());
    List<Reason> reasons = new ArrayList<>();
    if (indicators.contains("SUSPECTED_TRAFFICKING")) {
      reasons.add(Reason.SUSPECTED_TRAFFICKING);
    }
    if (indicators.contains("SUSPECTED_EXPLOITATION")) {
      reasons.add(Reason.SUSPECTED_EXPLOITATION);
    }
    if (cases.facts(event.caseId()).map(Cases.CaseFacts::repeatMissing).orElse(false)) {
      reasons.add(Reason.REPEAT_MISSING);
    }
    referrals.openAutomatically(event.caseId(), reasons, List.of());
  }
}
