package se.saknad.messaging.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The dispatcher's settings. Transient failures back off from retryBase to retryMax; a message that
 * is neither an alert nor a coordinator notice is given up giveUpAfter after it was queued. After
 * providerDownAfter transient failures in a row the provider counts as down and is probed every
 * probeInterval.
 */
@ConfigurationProperties("saknad.sms")
public record SmsConfig(
    int workers,
    int batchSize,
    Duration lease,
    Duration poll,
    Duration retryBase,
    Duration retryMax,
    boolean printBodies,
    double ratePerSecond,
    @Nullable Duration escalationInterval,
    @Nullable Duration giveUpAfter,
    @Nullable Integer providerDownAfter,
    @Nullable Duration probeInterval) {

  Duration giveUp() {
    return giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
  }

  int downAfter() {
    return providerDownAfter == null ? 5 : Math.max(1, providerDownAfter);
  }

  Duration probe() {
    return probeInterval == null ? Duration.ofSeconds(5) : probeInterval;
  }
}
