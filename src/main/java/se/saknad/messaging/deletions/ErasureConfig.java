package se.saknad.messaging.deletions;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** Deleting messages at the provider after erasure. */
@ConfigurationProperties("saknad.sms.erasure")
record ErasureConfig(
    @Bindable(defaultValue = "30s") Duration interval,
    @Bindable(defaultValue = "30s") Duration retryBase,
    @Bindable(defaultValue = "1h") Duration retryMax,
    @Bindable(defaultValue = "5") int failingAfter) {}
