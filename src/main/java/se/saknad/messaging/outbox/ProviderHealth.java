package se.saknad.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the SMS provider answers, as this instance's dispatcher sees it. After
 * saknad.sms.provider-down-after transient failures in a row (5xx, 429, timeouts, refused
 * connections) the provider is DOWN: the dispatcher stops hammering it and sends one delivery
 * (police first) every saknad.sms.probe-interval as a probe; the first answer makes it UP again and
 * the whole queue due at once. Any answer, a permanent refusal included, shows it is up.
 */
@Singleton
class ProviderHealth {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderHealth.class);

  enum State {
    UP,
    DOWN
  }

  /** The state, and since when the provider has failed (null while it answers). */
  record Snapshot(State state, Instant failingSince) {}

  private final Clock clock;
  private final SmsConfig config;
  private State state = State.UP;
  private int failuresInARow;
  private Instant failingSince;
  private Instant nextProbeAt;

  ProviderHealth(Clock clock, SmsConfig config, MeterRegistry meters) {
    this.clock = clock;
    this.config = config;
    Gauge.builder("saknad.sms.provider.up", this, h -> h.snapshot().state() == State.UP ? 1 : 0)
        .description("1 while the SMS provider answers, 0 while it is treated as down")
        .register(meters);
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(state, state == State.DOWN ? failingSince : null);
  }

  /** True while the provider is up: claim and send at full pace. */
  synchronized boolean up() {
    return state == State.UP;
  }

  /** While down: true at most once per probe interval, for the one delivery that probes. */
  synchronized boolean takeProbe() {
    Instant now = clock.instant();
    if (state == State.UP || now.isBefore(nextProbeAt)) {
      return false;
    }
    nextProbeAt = now.plus(config.probe());
    return true;
  }

  /** Milliseconds until the next probe may go, 0 while up. */
  synchronized long millisUntilProbe() {
    return state == State.UP
        ? 0
        : Math.max(0, nextProbeAt.toEpochMilli() - clock.instant().toEpochMilli());
  }

  /** The provider answered; returns true when that ends an outage. */
  synchronized boolean answered() {
    failuresInARow = 0;
    failingSince = null;
    if (state == State.DOWN) {
      state = State.UP;
      LOG.warn("SMS provider answers again; sending the queue, police first");
      return true;
    }
    return false;
  }

  /** The provider did not answer (or answered 5xx/429). */
  synchronized void failed() {
    Instant now = clock.instant();
    if (failuresInARow++ == 0) {
      failingSince = now;
    }
    if (state == State.UP && failuresInARow >= config.downAfter()) {
      state = State.DOWN;
      nextProbeAt = now.plus(config.probe());
      LOG.warn(
          "SMS provider treated as down after {} failures in a row; probing every {}",
          failuresInARow,
          config.probe());
    }
  }
}
