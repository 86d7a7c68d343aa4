package se.saknad.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins of the throttling window by address range, for the alert on a spike ({@code
 * SaknadSignInFailureSpike} in src/ops): {@code saknad_sign_in_failures{address_range}} and {@code
 * saknad_sign_in_failure_accounts{address_range}} (how many different account names were tried),
 * for the ranges with the most failures only, so that a botnet of many ranges cannot grow the
 * number of series. Read from the shared database, so every instance reports the same. The same
 * pass forgets failures past the window.
 */
@Singleton
class SignInFailureGauges {
  private static final Logger LOG = LoggerFactory.getLogger(SignInFailureGauges.class);
  static final int RANGES = 10;

  private final LoginThrottle throttle;
  private final MultiGauge failures;
  private final MultiGauge accounts;
  private final AtomicReference<List<LoginThrottle.RangeFailures>> last =
      new AtomicReference<>(List.of());

  SignInFailureGauges(LoginThrottle throttle, MeterRegistry meters) {
    this.throttle = throttle;
    this.failures =
        MultiGauge.builder("saknad.sign.in.failures")
            .description(
                "Failed sign-ins within the throttling window, by address range (/24, /48), for"
                    + " the ranges with the most")
            .register(meters);
    this.accounts =
        MultiGauge.builder("saknad.sign.in.failure.accounts")
            .description(
                "Different account names tried by the failed sign-ins of the window, by address"
                    + " range")
            .register(meters);
    // the alert rule's series exist from the start, before the first pass has read anything
    failures.register(List.of(MultiGauge.Row.of(Tags.of("address_range", "none"), 0)), true);
    accounts.register(List.of(MultiGauge.Row.of(Tags.of("address_range", "none"), 0)), true);
  }

  @Scheduled(fixedDelay = "${saknad.login.gauge-refresh:15s}", initialDelay = "1s")
  void refresh() {
    try {
      throttle.prune();
      List<LoginThrottle.RangeFailures> ranges = throttle.byRange(RANGES);
      last.set(ranges);
      if (ranges.isEmpty()) {
        // one series at 0, so that the alert rule's metrics exist on a quiet day too
        ranges = List.of(new LoginThrottle.RangeFailures("none", 0, 0));
      }
      failures.register(
          ranges.stream()
              .map(r -> MultiGauge.Row.of(Tags.of("address_range", r.range()), r.failures()))
              .toList(),
          true);
      accounts.register(
          ranges.stream()
              .map(r -> MultiGauge.Row.of(Tags.of("address_range", r.range()), r.accounts()))
              .toList(),
          true);
    } catch (RuntimeException e) {
      // The database has its own health component; the next pass tries again.
      LOG.warn("Sign-in failure gauges could not be read ({})", e.getClass().getSimpleName());
    }
  }

  /** What the last pass read, for tests. */
  List<LoginThrottle.RangeFailures> lastRead() {
    return last.get();
  }
}
