package se.saknad.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
@Context
class SignInFailureGauges {
  private static final Logger LOG = LoggerFactory.getLogger(SignInFailureGauges.class);
  static final int RANGES = 10;
  private static final String NONE = "none";

  private final LoginThrottle throttle;
  private final MeterRegistry meters;
  private final AtomicReference<List<LoginThrottle.RangeFailures>> last =
      new AtomicReference<>(List.of());

  /** The values the gauges read, by address range; "none" is always there, at 0 on a quiet day. */
  private final Map<String, LoginThrottle.RangeFailures> current = new ConcurrentHashMap<>();

  /** The two gauges of each range shown. */
  private final Map<String, List<Meter>> shown = new ConcurrentHashMap<>();

  SignInFailureGauges(LoginThrottle throttle, MeterRegistry meters) {
    this.throttle = throttle;
    this.meters = meters;
    // The alert rule's series exist from the start and never go away: ranges come and go beside
    // them, so that a scrape never meets the metric without a series.
    show(new LoginThrottle.RangeFailures(NONE, 0, 0));
  }

  @Scheduled(fixedDelay = "${saknad.login.gauge-refresh:15s}", initialDelay = "1s")
  void refresh() {
    try {
      throttle.prune();
      List<LoginThrottle.RangeFailures> ranges = throttle.byRange(RANGES);
      last.set(ranges);
      Set<String> keep = new HashSet<>(List.of(NONE));
      for (LoginThrottle.RangeFailures r : ranges) {
        keep.add(r.range());
        show(r);
      }
      for (String range : List.copyOf(shown.keySet())) {
        if (!keep.contains(range)) {
          shown.remove(range).forEach(meters::remove);
          current.remove(range);
        }
      }
    } catch (RuntimeException e) {
      // The database has its own health component; the next pass tries again.
      LOG.warn("Sign-in failure gauges could not be read ({})", e.getClass().getSimpleName());
    }
  }

  private void show(LoginThrottle.RangeFailures r) {
    current.put(r.range(), r);
    shown.computeIfAbsent(
        r.range(),
        range ->
            List.of(
                Gauge.builder("saknad.sign.in.failures", current, m -> value(m, range, true))
                    .description(
                        "Failed sign-ins within the throttling window, by address range (/24,"
                            + " /48), for the ranges with the most")
                    .tag("address_range", range)
                    .register(meters),
                Gauge.builder(
                        "saknad.sign.in.failure.accounts", current, m -> value(m, range, false))
                    .description(
                        "Different account names tried by the failed sign-ins of the window, by"
                            + " address range")
                    .tag("address_range", range)
                    .register(meters)));
  }

  private static double value(
      Map<String, LoginThrottle.RangeFailures> values, String range, boolean failures) {
    LoginThrottle.RangeFailures r = values.get(range);
    return r == null ? 0 : failures ? r.failures() : r.accounts();
  }

  /** What the last pass read, for tests. */
  List<LoginThrottle.RangeFailures> lastRead() {
    return last.get();
  }
}
