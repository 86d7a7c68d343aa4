package se.saknad.sms;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

@ConfigurationProperties("saknad.sms")
record SmsConfig(
    int workers,
    int batchSize,
    Duration lease,
    Duration poll,
    int maxAttempts,
    Duration retryBase,
    Duration retryMax,
    boolean printBodies,
    double ratePerSecond,
    @Nullable Duration escalationInterval) {}
