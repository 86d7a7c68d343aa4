package se.saknad.children;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildAccess.Filter;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.children.ChildApi.DuplicateCandidate;
import se.saknad.common.Db;
import se.saknad.security.Caller;

/**
 * Other children who are probably the same person: the same dossier number, or a similar name or
 * alias (trigram similarity over {@link SearchNames}) with a birth year at most two years apart.
 * Only children the caller may see are candidates, so that a search never leaks.
 */
@Singleton
@Transactional
class FindingDuplicates {
  private final Db db;
  private final ChildAccess access;
  private final AuditTrail audit;

  FindingDuplicates(Db db, ChildAccess access, AuditTrail audit) {
    this.db = db;
    this.access = access;
    this.audit = audit;
  }

  List<DuplicateCandidate> possibleDuplicates(Caller caller, UUID id, String endpoint) {
    ChildView child = access.require(caller, id);
    audit.record(caller, "CHILD_DUPLICATES_SEARCHED", id, null, endpoint);
    String names = SearchNames.of(child.givenName(), child.familyName(), child.aliases());
    Integer year =
        child.dateOfBirth() != null ? child.dateOfBirth().getYear() : child.estimatedBirthYear();
    Filter readable = access.filter(caller);
    List<DuplicateCandidate> candidates =
        db.list(
            """
            SELECT c.id, c.given_name, c.family_name, c.aliases, c.home_id,
                   coalesce(extract(year FROM c.date_of_birth)::int, c.estimated_birth_year) AS birth_year,
                   (c.dossier_number IS NOT NULL AND c.dossier_number = ?) AS same_dossier,
                   similarity(c.search_names, ?) AS score
            FROM child c
            WHERE c.id <> ? AND c.merged_into IS NULL
              AND ((c.dossier_number IS NOT NULL AND c.dossier_number = ?)
                   OR (c.search_names % ?
                       AND abs(coalesce(extract(year FROM c.date_of_birth)::int,
                                        c.estimated_birth_year) - ?) <= 2))
              AND {readable}
            ORDER BY same_dossier DESC, score DESC
            LIMIT 20
            """
                .replace("{readable}", readable.sql()),
            rs ->
                new DuplicateCandidate(
                    Db.uuid(rs, "id"),
                    rs.getString("given_name"),
                    rs.getString("family_name"),
                    Db.strings(rs, "aliases"),
                    Db.uuid(rs, "home_id"),
                    (Integer) rs.getObject("birth_year"),
                    rs.getBoolean("same_dossier"),
                    Math.round(rs.getDouble("score") * 100) / 100.0),
            readable.after(child.dossierNumber(), names, id, child.dossierNumber(), names, year));
    // Each candidate shown is a read of that child's name, home and birth year.
    for (DuplicateCandidate candidate : candidates) {
      audit.record(caller, "CHILD_SHOWN_AS_DUPLICATE", candidate.id(), null, endpoint);
    }
    return candidates;
  }
}
