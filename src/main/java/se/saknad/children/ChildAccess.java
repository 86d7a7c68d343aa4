package se.saknad.children;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * Who may see which child (product brief, "Who may see what"): staff of its home; social services
 * of its responsible municipality or of a municipality where it went missing; coordinators and
 * administrators. Police know a child only through a case's view, researchers never by name.
 *
 * <p>The rule is written once, as SQL over {@code child c}: a single profile, the list, the
 * duplicate finder and the checks other features ask for all filter with it. Out of scope is a 404,
 * as if the child did not exist: whether a child exists elsewhere is itself personal data. Checking
 * writes no audit row; the reads that show a profile do.
 */
@Singleton
class ChildAccess {
  private final Db db;
  private final ChildRows rows;

  ChildAccess(Db db, ChildRows rows) {
    this.db = db;
    this.rows = rows;
  }

  /** The rule as SQL over {@code child c}, so that lists and searches never leak. */
  Filter filter(Caller caller) {
    return switch (caller.role()) {
      case ADMIN, COORDINATOR -> new Filter("TRUE");
      case HVB_STAFF -> new Filter("c.home_id = ?", caller.homeId());
      case SOCIAL_SERVICES ->
          new Filter(
              "(c.responsible_municipality_code = ? OR EXISTS (SELECT 1 FROM disappearance_case x"
                  + " WHERE x.child_id = c.id AND x.municipality_code = ?))",
              caller.municipalityCode(),
              caller.municipalityCode());
      case POLICE, RESEARCHER, PARTNER -> new Filter("FALSE");
    };
  }

  /** SQL with its parameters; {@link #after} puts a query's own parameters before the rule's. */
  record Filter(String sql, Object... params) {
    Object[] after(Object... leading) {
      Object[] all = new Object[leading.length + params.length];
      System.arraycopy(leading, 0, all, 0, leading.length);
      System.arraycopy(params, 0, all, leading.length, params.length);
      return all;
    }
  }

  /** The profile, when the caller may see it; 404 otherwise. */
  @Transactional
  ChildView require(Caller caller, UUID id) {
    Filter filter = filter(caller);
    return rows.one("c.id = ? AND " + filter.sql(), filter.after(id))
        .orElseThrow(() -> ProblemException.notFound("child"));
  }

  @Transactional
  boolean mayRead(Caller caller, UUID id) {
    return !readable(caller, List.of(id)).isEmpty();
  }

  /** Of these children, the ids of those the caller may see. */
  @Transactional
  Set<UUID> readable(Caller caller, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    Filter filter = filter(caller);
    return new HashSet<>(
        db.list(
            "SELECT c.id FROM child c WHERE c.id = ANY (?::uuid[]) AND " + filter.sql(),
            rs -> Db.uuid(rs, "id"),
            filter.after(ids)));
  }

  /** Staff change the profiles of their own home's children only (the endpoints name the roles). */
  void requireMayChange(Caller caller, UUID homeId) {
    if (caller.is(Role.HVB_STAFF) && !homeId.equals(caller.homeId())) {
      throw ProblemException.forbidden("staff register children of their own home only");
    }
  }
}
