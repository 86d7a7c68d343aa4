package se.saknad.children;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

/**
 * Folds a duplicate record into the one kept: the features holding records of the child move them
 * first ({@link ChildrenMerging}), then the duplicate points at the one kept and its names and
 * dossier number join it. Both histories say so.
 */
@Singleton
@Transactional
class MergingChildren {
  private final Db db;
  private final ChildRows rows;
  private final ChildAccess access;
  private final ChildHistory history;
  private final AuditTrail audit;
  private final Clock clock;
  private final ApplicationEventPublisher<ChildrenMerging> merging;

  MergingChildren(
      Db db,
      ChildRows rows,
      ChildAccess access,
      ChildHistory history,
      AuditTrail audit,
      Clock clock,
      ApplicationEventPublisher<ChildrenMerging> merging) {
    this.db = db;
    this.rows = rows;
    this.access = access;
    this.history = history;
    this.audit = audit;
    this.clock = clock;
    this.merging = merging;
  }

  /** Folds {@code otherId} into {@code id}: its cases move, its names become aliases. */
  ChildView merge(Caller caller, UUID id, UUID otherId, String endpoint) {
    if (id.equals(otherId)) {
      throw ProblemException.invalid("otherId", "a child cannot be merged with itself");
    }
    ChildView keep = access.require(caller, id);
    ChildView other =
        rows.find(otherId)
            .filter(c -> c.mergedInto() == null)
            .orElseThrow(() -> ProblemException.invalid("otherId", "unknown child"));
    // The cases move with the record (and a merge of two missing children is refused there).
    merging.publishEvent(new ChildrenMerging(id, otherId));
    db.update(
        "UPDATE child SET merged_into = ?, updated_at = ? WHERE id = ?",
        id,
        clock.instant(),
        otherId);
    LinkedHashSet<String> aliases = new LinkedHashSet<>(keep.aliases());
    aliases.add(other.givenName() + " " + other.familyName());
    aliases.addAll(other.aliases());
    aliases.remove(keep.givenName() + " " + keep.familyName());
    List<String> merged = new ArrayList<>(aliases);
    db.update(
        "UPDATE child SET aliases = ?, search_names = ?,"
            + " dossier_number = coalesce(dossier_number, ?), updated_at = ? WHERE id = ?",
        merged,
        SearchNames.of(keep.givenName(), keep.familyName(), merged),
        other.dossierNumber(),
        clock.instant(),
        id);
    ChildView after = rows.find(id).orElseThrow();
    history.record(id, caller, "MERGED " + otherId, keep, after);
    history.record(otherId, caller, "MERGED INTO " + id, other, rows.find(otherId).orElseThrow());
    audit.record(caller, "CHILD_MERGED", id, null, endpoint);
    audit.record(caller, "CHILD_MERGED_AWAY", otherId, null, endpoint);
    return after;
  }
}
