package se.saknad.alerts;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.cases.Cases;

/**
 * While a child stays missing the search area grows; this job sends an Update to the recipients the
 * larger circle newly reaches. Each case is handled under its row lock, so several instances can
 * run the job without alerting anyone twice.
 */
@Singleton
class WideningSearchAreas {
  private static final Logger LOG = LoggerFactory.getLogger(WideningSearchAreas.class);

  private final Cases cases;
  private final WideningOneCase one;

  WideningSearchAreas(Cases cases, WideningOneCase one) {
    this.cases = cases;
    this.one = one;
  }

  @Scheduled(
      fixedDelay = "${saknad.alerting.widen-interval:15m}",
      initialDelay = "${saknad.alerting.widen-initial-delay:1m}")
  void widenAll() {
    for (UUID caseId : cases.missingCaseIds()) {
      try {
        one.widen(caseId);
      } catch (RuntimeException e) {
        LOG.error("Widening the search area of case {} failed", caseId, e);
      }
    }
  }
}
