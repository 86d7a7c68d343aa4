package se.saknad.sms;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** Twilio settings; without an account sid the log gateway is used. */
@ConfigurationProperties("twilio")
record TwilioConfig(
    @Nullable String accountSid,
    @Nullable String authToken,
    @Nullable String fromNumber,
    @Nullable String messagingServiceSid,
    @Nullable String apiBaseUrl) {

  boolean configured() {
    return accountSid != null && !accountSid.isBlank();
  }
}
