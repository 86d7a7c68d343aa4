package se.saknad.messaging.provider;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import se.saknad.common.StorableText;

/**
 * What a call says, as TwiML written by the SDK's builders: the alert in Swedish inside a Gather of
 * one key, and the answers to what was pressed. Everything is said with language sv-SE.
 */
public final class VoiceScript {
  /** Seconds the Gather waits for a key after the text was read. */
  static final int WAIT_SECONDS = 8;

  static final String PRESS_ONE = "Tryck 1 för att kvittera larmet.";

  private VoiceScript() {}

  /** Where the call reports the key pressed at {@code step} (1, or 2 after a wrong key). */
  public static String gatherUrl(String publicBaseUrl, java.util.UUID deliveryId, int step) {
    return publicBaseUrl + "/voice/gather?d=" + deliveryId + "&step=" + step;
  }

  /** Where the call reports how it ended. */
  public static String statusUrl(String publicBaseUrl, java.util.UUID deliveryId) {
    return publicBaseUrl + "/voice/status?d=" + deliveryId;
  }

  /** The call itself: the alert, then one key; no key also reaches {@code gatherUrl}. */
  static String call(String text, String gatherUrl) {
    return xml(new VoiceResponse.Builder().gather(gather(text + " " + PRESS_ONE, gatherUrl)));
  }

  /** Another key than 1, or none: said so, and the alert once more. */
  public static String again(String text, String gatherUrl) {
    return xml(
        new VoiceResponse.Builder()
            .say(say("Du tryckte inte 1."))
            .gather(gather(text + " " + PRESS_ONE, gatherUrl)));
  }

  /** Said, then the call ends. */
  public static String sayAndHangUp(String text) {
    return xml(new VoiceResponse.Builder().say(say(text)).hangup(new Hangup.Builder().build()));
  }

  /** "4821" read as four digits, not as a number. */
  public static String digits(String code) {
    return String.join(" ", code.split(""));
  }

  private static Gather gather(String text, String gatherUrl) {
    return new Gather.Builder()
        .numDigits(1)
        .timeout(WAIT_SECONDS)
        .action(gatherUrl)
        .actionOnEmptyResult(true)
        .say(say(text))
        .build();
  }

  private static Say say(String text) {
    return new Say.Builder(StorableText.forXml(text)).language(Say.Language.SV_SE).build();
  }

  private static String xml(VoiceResponse.Builder response) {
    try {
      return response.build().toXml();
    } catch (TwiMLException e) {
      throw new IllegalStateException("TwiML could not be written", e);
    }
  }
}
