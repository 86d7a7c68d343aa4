package se.saknad.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Sign-in throttling (README, "Sign-in"). Every limit slows down, none locks out: past its free
 * failures within the window, each further attempt waits 1, 2, 4 … seconds after the last failure
 * it counts, up to its longest wait.
 *
 * <ul>
 *   <li>per account and client address: {@code freeFailures}, up to {@code maxDelay};
 *   <li>per account from any address: {@code accountFreeFailures}, up to {@code accountMaxDelay};
 *   <li>per client address on any accounts (password spraying): {@code addressFreeFailures}, up to
 *       {@code addressMaxDelay}, which is short, because a police station or a municipality signs
 *       in from one address;
 *   <li>a browser with a device cookie of the account (it signed in as that user before) is slowed
 *       by none of these until it has failed {@code freeFailures} times itself.
 * </ul>
 */
@ConfigurationProperties("saknad.login")
record SecurityConfig(
    @Bindable(defaultValue = "5") int freeFailures,
    @Bindable(defaultValue = "5m") Duration maxDelay,
    @Bindable(defaultValue = "20") int accountFreeFailures,
    @Bindable(defaultValue = "1m") Duration accountMaxDelay,
    @Bindable(defaultValue = "100") int addressFreeFailures,
    @Bindable(defaultValue = "10s") Duration addressMaxDelay,
    @Bindable(defaultValue = "15m") Duration window,
    @Bindable(defaultValue = "180d") Duration deviceCookieLifetime) {}
