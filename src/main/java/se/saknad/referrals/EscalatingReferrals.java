package se.saknad.referrals;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/** Unacknowledged referrals escalate like police alerts; the state lives in the notice rows. */
@Singleton
class EscalatingReferrals {
  private final ReferralNotices notices;

  EscalatingReferrals(ReferralNotices notices) {
    this.notices = notices;
  }

  @Scheduled(
      fixedDelay = "${saknad.referrals.escalation-interval:30s}",
      initialDelay = "${saknad.referrals.escalation-initial-delay:15s}")
  void scheduled() {
    escalateDue();
  }

  /** Escalates every notice now due; returns how many. */
  @Transactional
  public int escalateDue() {
    return notices.escalateDue();
  }
}
