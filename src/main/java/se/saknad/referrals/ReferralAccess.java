package se.saknad.referrals;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

/**
 * Who may see and act on a referral, as SQL over {@code referral r JOIN disappearance_case d JOIN
 * child c}:
 *
 * <ul>
 *   <li>COORDINATOR: every referral; acknowledges and closes.
 *   <li>A user bound to a recipient (POLICE or SOCIAL_SERVICES role with {@code recipientId}): the
 *       referrals sent to that recipient, and, when it is a TRAFFICKING_COORDINATOR, every referral
 *       of the police region it covers; acknowledges and closes those.
 *   <li>SOCIAL_SERVICES: also the referrals on cases of their municipality (responsible, or where
 *       the child was last seen), read only; they open referrals on those cases.
 *   <li>Everyone else: 403.
 * </ul>
 */
@Singleton
class ReferralAccess {
  record Filter(String sql, Object... params) {}

  private static final String BOUND =
      "(EXISTS (SELECT 1 FROM referral_notice n WHERE n.referral_id = r.id AND n.recipient_id = ?)"
          + " OR r.police_region_code = (SELECT x.coverage_spec ->> 'policeRegion' FROM recipient x"
          + " WHERE x.id = ? AND x.kind = 'TRAFFICKING_COORDINATOR' AND x.deleted_at IS NULL))";

  void requireRole(Caller caller) {
    if (!caller.is(
        se.saknad.security.Role.COORDINATOR,
        se.saknad.security.Role.POLICE,
        se.saknad.security.Role.SOCIAL_SERVICES)) {
      throw ProblemException.forbidden(
          "referrals are for coordinators and the agencies they reach");
    }
  }

  /** What the caller may read. */
  Filter read(Caller caller) {
    requireRole(caller);
    return switch (caller.role()) {
      case COORDINATOR -> new Filter("TRUE");
      case SOCIAL_SERVICES -> {
        List<Object> params = new ArrayList<>();
        params.add(caller.recipientId());
        params.add(caller.recipientId());
        params.add(caller.municipalityCode());
        params.add(caller.municipalityCode());
        yield new Filter(
            "(" + BOUND + " OR c.responsible_municipality_code = ? OR d.municipality_code = ?)",
            params.toArray());
      }
      default -> new Filter(BOUND, caller.recipientId(), caller.recipientId());
    };
  }

  /** What the caller may acknowledge and close. */
  Filter act(Caller caller) {
    requireRole(caller);
    return caller.is(se.saknad.security.Role.COORDINATOR)
        ? new Filter("TRUE")
        : new Filter(BOUND, caller.recipientId(), caller.recipientId());
  }
}
