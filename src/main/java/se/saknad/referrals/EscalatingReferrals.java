package se.saknad.referrals;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Duration;
import se.saknad.common.Workers;

/** Unacknowledged referrals escalate like police alerts; the state lives in the notice rows. */
@Singleton
class EscalatingReferrals {
  private final ReferralNotices notices;
  private final Workers workers;
  private final Duration initialDelay;
  private final Duration interval;

  EscalatingReferrals(
      ReferralNotices notices,
      Workers workers,
      @Value("${saknad.referrals.escalation-initial-delay:15s}") Duration initialDelay,
      @Value("${saknad.referrals.escalation-interval:30s}") Duration interval) {
    this.notices = notices;
    this.workers = workers;
    this.initialDelay = initialDelay;
    this.interval = interval;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("referral-escalation", initialDelay, interval, this::escalateDue);
  }

  /** Escalates every notice now due; returns how many. */
  @Transactional
  public int escalateDue() {
    return notices.escalateDue();
  }
}
