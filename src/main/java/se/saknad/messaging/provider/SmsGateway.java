package se.saknad.messaging.provider;

/**
 * Hands one SMS or call to a provider. Implementations never retry: the dispatcher decides that.
 */
public interface SmsGateway {
  Result send(String to, String body, String statusCallbackUrl);

  /**
   * The senders the provider sends from, each paced on its own (a from number, an alphanumeric
   * sender, or a messaging service); a gateway with one sender names it however it likes.
   */
  default java.util.List<String> senders() {
    return java.util.List.of("default");
  }

  /** Hands one SMS to the provider from {@code sender}, one of {@link #senders()}. */
  default Result send(String sender, String to, String body, String statusCallbackUrl) {
    return send(to, body, statusCallbackUrl);
  }

  /**
   * Places a call that reads {@code text} (see {@link VoiceScript}) and reports the key pressed to
   * {@code gatherUrl} and the end of the call to {@code statusCallbackUrl}.
   */
  Result call(String to, String text, String gatherUrl, String statusCallbackUrl);

  /**
   * Deletes one message (sent or received) and its text at the provider. A message the provider no
   * longer has counts as erased.
   */
  Erasure erase(String sid);

  /** What the provider said to a deletion. */
  public sealed interface Erasure permits Erased, NotErased {}

  /** Gone at the provider. */
  public record Erased() implements Erasure {}

  /** Still there: to be tried again later. */
  public record NotErased(String reason) implements Erasure {}

  /** What the provider said. */
  public sealed interface Result permits Accepted, Transient, Permanent {}

  /** Taken: the provider's id for the message and its first status. */
  public record Accepted(String sid, String status) implements Result {}

  /** Worth trying again later: 5xx, 429, timeouts, connection failures. */
  public record Transient(String errorCode, String reason) implements Result {}

  /** Never worth retrying: the request or the number is wrong, or the recipient opted out. */
  public record Permanent(String errorCode, String reason) implements Result {}
}
