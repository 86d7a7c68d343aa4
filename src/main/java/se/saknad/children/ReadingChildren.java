package se.saknad.children;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildAccess.Filter;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.common.PageTokens;
import se.saknad.common.Pages;
import se.saknad.common.Sweden;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/** Profiles as the people who may see them read them: one child, or a list; each read audited. */
@Singleton
@Transactional
class ReadingChildren {
  private final ChildRows rows;
  private final ChildAccess access;
  private final AuditTrail audit;
  private final Clock clock;
  private final PageTokens tokens;

  ReadingChildren(
      ChildRows rows, ChildAccess access, AuditTrail audit, Clock clock, PageTokens tokens) {
    this.rows = rows;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
    this.tokens = tokens;
  }

  ChildView read(Caller caller, UUID id, String endpoint) {
    ChildView child = access.require(caller, id);
    audit.record(caller, "CHILD_READ", id, null, endpoint);
    return child;
  }

  /**
   * The children a caller works with, by name, of the children they may see ({@link
   * ChildAccess#filter}); records merged into another are left out.
   */
  Pages.Page<ChildView> list(
      Caller caller, UUID homeId, Integer limit, String after, String endpoint) {
    int size = Pages.size(limit);
    ListPosition from = after == null ? null : ListPosition.of(tokens, after);
    Filter readable = access.filter(caller);
    Filter listed = listed(caller, homeId);
    Pages.Page<ChildView> page =
        Pages.cut(
            rows.list(
                "c.merged_into IS NULL AND " + listed.sql() + " AND " + readable.sql(),
                java.util.Arrays.asList(readable.after(listed.params())),
                from,
                size + 1),
            size,
            last -> ListPosition.after(last).token(tokens));
    List<UUID> ids = page.items().stream().map(ChildView::id).toList();
    audit.recordAll(
        caller, "CHILD_LISTED", ids, java.util.Collections.nCopies(ids.size(), null), endpoint);
    return page;
  }

  /**
   * Which of the readable children a list shows. A home's list (its staff's, or anyone's with
   * {@code homeId}) is the children placed there now: a child whose placement ended leaves it.
   * Social services list the children their municipality is responsible for, placed or not: their
   * own caseload. A child who only went missing in their municipality is readable there (the rule
   * in {@link ChildAccess}) and reached through its case, but is not theirs to list.
   */
  private Filter listed(Caller caller, UUID homeId) {
    if (caller.is(Role.SOCIAL_SERVICES)) {
      return homeId == null
          ? new Filter("c.responsible_municipality_code = ?", caller.municipalityCode())
          : new Filter(
              "c.responsible_municipality_code = ? AND c.home_id = ?",
              caller.municipalityCode(),
              homeId);
    }
    UUID home = homeId == null && caller.is(Role.HVB_STAFF) ? caller.homeId() : homeId;
    if (home == null) {
      return new Filter("TRUE");
    }
    return new Filter(
        "c.home_id = ? AND (c.placement_ended_on IS NULL OR c.placement_ended_on > ?)",
        home,
        Sweden.today(clock));
  }
}
