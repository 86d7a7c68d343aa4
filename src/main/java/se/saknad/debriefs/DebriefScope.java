package se.saknad.debriefs;

import java.util.List;
import se.saknad.cases.CaseAccess.VisibleCase;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * Who may see a debrief, on top of who may see its case ({@code cases.CaseAccess}): social services
 * only where their municipality is responsible for the child, not where the child was last seen
 * (product brief, "Who may see what"). Written here once, for one case and for the lists.
 */
final class DebriefScope {
  private DebriefScope() {}

  static boolean allows(Caller caller, VisibleCase kase) {
    return !caller.is(Role.SOCIAL_SERVICES)
        || caller.municipalityCode() != null
            && caller.municipalityCode().equals(kase.responsibleMunicipalityCode());
  }

  /**
   * The same rule over the visible cases {@code v} of a list: a condition to append, its parameter
   * added to {@code params}.
   */
  static String listCondition(Caller caller, List<Object> params) {
    if (!caller.is(Role.SOCIAL_SERVICES)) {
      return "";
    }
    params.add(caller.municipalityCode());
    return " AND v.responsible_municipality_code = ?";
  }
}
