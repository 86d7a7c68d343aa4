package se.saknad.sms;

import java.util.Optional;

/**
 * Lets another feature take an "OK &lt;code&gt;" reply that it sent the code for (a referral, say),
 * without the sms feature knowing that feature: each bean of this type is asked, in the reply's
 * transaction, after the alert deliveries were matched.
 */
public interface CodeReplies {
  /**
   * Acknowledges what {@code phone} was sent about the case with {@code code}, as a reply from
   * {@code origin} (the phone, or the sandbox answering as it); returns the answer to send back, or
   * empty when this feature sent that phone nothing about it.
   */
  Optional<String> acknowledge(String phone, String code, ReplyOrigin origin);
}
