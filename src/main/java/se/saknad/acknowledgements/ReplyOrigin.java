package se.saknad.acknowledgements;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.UUID;
import se.saknad.messaging.provider.WebhookSignatures;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * Where a reply to an SMS or a call came from: the phone itself (through the provider), or the
 * embedded default's sandbox, where a signed-in coordinator or administrator answers as that phone.
 * A sandbox reply is recorded as such (channel SANDBOX, the person who typed it as the actor),
 * never as an SMS or a call.
 */
public record ReplyOrigin(boolean sandbox, @Nullable Caller by) {
  /** A reply from the phone, through the provider. */
  public static final ReplyOrigin PHONE = new ReplyOrigin(false, null);

  // Form fields the sandbox adds to the webhook it signs; the provider never sends them, and they
  // are read only from a form signed with the sandbox's key.
  static final String USER_ID = "SandboxUserId";
  static final String USERNAME = "SandboxUsername";
  static final String ROLE = "SandboxRole";

  /** The channel to record: SANDBOX for the sandbox, else the phone's own. */
  AcknowledgementEffect.Channel channel(AcknowledgementEffect.Channel phone) {
    return sandbox ? AcknowledgementEffect.Channel.SANDBOX : phone;
  }

  /** Adds who answers in the sandbox to the form it signs. */
  public static void write(Map<String, String> form, Caller by) {
    form.put(USER_ID, by.userId().toString());
    form.put(USERNAME, by.username());
    form.put(ROLE, by.role().name());
  }

  /** The origin of a webhook that passed the signature check {@code signer}. */
  public static ReplyOrigin of(WebhookSignatures.Signer signer, Map<String, String> form) {
    if (signer != WebhookSignatures.Signer.SANDBOX) {
      return PHONE;
    }
    try {
      return new ReplyOrigin(
          true,
          new Caller(
              UUID.fromString(form.get(USER_ID)),
              form.get(USERNAME),
              Role.valueOf(form.get(ROLE)),
              null,
              null,
              null,
              null));
    } catch (RuntimeException noneNamed) {
      return new ReplyOrigin(true, null);
    }
  }
}
