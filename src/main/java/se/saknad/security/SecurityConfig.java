package se.saknad.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Sign-in throttling: per account and client address, {@code freeFailures} failures within the
 * window cost nothing, each further one doubles the wait before the next attempt (up to {@code
 * maxDelay}); per client address, {@code addressMaxFailures} failures within the window on any
 * accounts stop that address until the window moves on.
 */
@ConfigurationProperties("saknad.login")
record SecurityConfig(
    @Bindable(defaultValue = "5") int freeFailures,
    @Bindable(defaultValue = "5m") Duration maxDelay,
    @Bindable(defaultValue = "100") int addressMaxFailures,
    @Bindable(defaultValue = "15m") Duration window) {}
