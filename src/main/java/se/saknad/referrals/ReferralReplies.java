package se.saknad.referrals;

import jakarta.inject.Singleton;
import java.util.Optional;
import se.saknad.acknowledgements.CodeReplies;
import se.saknad.acknowledgements.ReplyOrigin;
import se.saknad.referrals.ReferralApi.Channel;

/** "OK &lt;code&gt;" from a phone that was sent a referral acknowledges it. */
@Singleton
class ReferralReplies implements CodeReplies {
  private final Referrals referrals;

  ReferralReplies(Referrals referrals) {
    this.referrals = referrals;
  }

  @Override
  public Optional<String> acknowledge(String phone, String code, ReplyOrigin origin) {
    return referrals.acknowledgeByReply(
        phone, code, origin.sandbox() ? Channel.SANDBOX : Channel.SMS, origin.by());
  }
}
