package se.saknad.sms;

/** Hands one SMS to a provider. Implementations never retry: the dispatcher decides that. */
interface SmsGateway {
  Result send(String to, String body, String statusCallbackUrl);

  /** What the provider said. */
  sealed interface Result permits Accepted, Transient, Permanent {}

  /** Taken: the provider's id for the message and its first status. */
  record Accepted(String sid, String status) implements Result {}

  /** Worth trying again later: 5xx, 429, timeouts, connection failures. */
  record Transient(String errorCode, String reason) implements Result {}

  /** Never worth retrying: the request or the number is wrong, or the recipient opted out. */
  record Permanent(String errorCode, String reason) implements Result {}
}
