package se.saknad.messaging.provider;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** Twilio settings; without an account sid the log gateway is used. */
@ConfigurationProperties("twilio")
record TwilioConfig(
    @Nullable String accountSid,
    @Nullable String authToken,
    @Nullable String fromNumber,
    @Nullable java.util.List<String> fromNumbers,
    @Nullable String messagingServiceSid,
    @Nullable String apiBaseUrl,
    @Nullable java.time.Duration requestTimeout,
    @Nullable Integer callRingSeconds) {

  /** How long a call rings before it counts as not answered (Twilio's Timeout, 5..600). */
  int ringSeconds() {
    return callRingSeconds == null ? 30 : Math.max(5, Math.min(600, callRingSeconds));
  }

  /** How long one request to the provider may take before it counts as failed (and is retried). */
  java.time.Duration timeout() {
    return requestTimeout == null ? java.time.Duration.ofSeconds(10) : requestTimeout;
  }

  boolean configured() {
    return accountSid != null && !accountSid.isBlank();
  }
}
