package se.saknad.alerts;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.UUID;
import se.saknad.cases.Cases;

/** One case, one transaction: lock it (or skip it when another instance has it), then widen. */
@Singleton
class WideningOneCase {
  private final Cases cases;
  private final Alerting alerting;

  WideningOneCase(Cases cases, Alerting alerting) {
    this.cases = cases;
    this.alerting = alerting;
  }

  @Transactional
  void widen(UUID caseId) {
    if (cases.tryLock(caseId)) {
      alerting.widen(caseId);
    }
  }
}
