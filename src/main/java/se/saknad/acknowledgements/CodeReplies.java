package se.saknad.acknowledgements;

import java.util.Optional;

/**
 * Lets another feature take an "OK &lt;code&gt;" reply that it sent the code for (a referral, say),
 * without this package knowing that feature: every bean of this type is asked, in the reply's
 * transaction, before the alert deliveries are matched, and each acknowledges what it sent; the
 * answer to the phone is the alert's when the code also alerted it, else the first bean's.
 */
public interface CodeReplies {
  /**
   * Acknowledges what {@code phone} was sent about the case with {@code code}, as a reply from
   * {@code origin} (the phone, or the sandbox answering as it); returns the answer to send back, or
   * empty when this feature sent that phone nothing about it.
   */
  Optional<String> acknowledge(String phone, String code, ReplyOrigin origin);
}
