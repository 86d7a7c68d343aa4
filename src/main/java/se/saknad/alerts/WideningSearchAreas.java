package se.saknad.alerts;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.cases.Cases;
import se.saknad.common.Workers;

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
  private final Workers workers;
  private final Duration initialDelay;
  private final Duration interval;

  WideningSearchAreas(
      Cases cases,
      WideningOneCase one,
      Workers workers,
      @Value("${saknad.alerting.widen-initial-delay:1m}") Duration initialDelay,
      @Value("${saknad.alerting.widen-interval:15m}") Duration interval) {
    this.cases = cases;
    this.one = one;
    this.workers = workers;
    this.initialDelay = initialDelay;
    this.interval = interval;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("widening", initialDelay, interval, this::widenAll);
  }

  void widenAll() {
    for (UUID caseId : cases.missingCaseIds()) {
      try {
        one.widen(caseId);
      } catch (RuntimeException e) {
        LOG.error("Widening the search area of case {} failed", caseId, e);
      }
      Workers.progressing();
    }
  }
}
