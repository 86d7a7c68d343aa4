package se.saknad.children;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.saknad.children.ChildApi.ChildProfile;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.children.ChildApi.Guardian;
import se.saknad.common.Db;
import se.saknad.common.Sweden;
import se.saknad.security.Caller;

/**
 * Children's profiles as other features use them: the facts about a child that reporting, alerting
 * and research need (no access check, no audit row), and whether a caller may see a child (the rule
 * of {@link ChildAccess}). The profile endpoints have their own services in this package: {@link
 * RegisteringChildren}, {@link ReadingChildren}, {@link ChildHistory}, {@link FindingDuplicates},
 * {@link MergingChildren} and {@link EndingPlacements}.
 */
@Singleton
@Transactional
public class Children {
  /** What other features need to know about a child, without any access check. */
  public record ChildFacts(
      UUID id,
      UUID homeId,
      String givenName,
      String familyName,
      String dossierNumber,
      LocalDate dateOfBirth,
      Integer birthYear,
      String gender,
      String nationality,
      String responsibleMunicipalityCode,
      Guardian guardian) {

    /** Age in whole years on the Swedish day of {@code at}. */
    public Integer ageAt(Instant at) {
      return Children.ageAt(dateOfBirth, birthYear, at);
    }

    /**
     * The first instant the child can have lived: midnight in Sweden on the date of birth, else on
     * 1 January of the estimated year, else of 1990 (no child in care was born before it).
     */
    public Instant earliestPossibleBirth() {
      LocalDate earliest =
          dateOfBirth != null
              ? dateOfBirth
              : birthYear == null ? LocalDate.of(1990, 1, 1) : LocalDate.of(birthYear, 1, 1);
      return Sweden.startOf(earliest);
    }
  }

  /** What searchers need to recognise the child, for the case's search sheet; no access check. */
  public record SearchFacts(
      String description, List<String> languages, List<String> riskIndicators) {}

  /**
   * A child's age in whole years on the Swedish day of {@code at} (a child born on 14 March is a
   * year older from midnight in Sweden, not in UTC); from the estimated birth year when no date of
   * birth is known.
   */
  public static Integer ageAt(LocalDate dateOfBirth, Integer birthYear, Instant at) {
    LocalDate day = Sweden.dayOf(at);
    if (dateOfBirth != null) {
      return Period.between(dateOfBirth, day).getYears();
    }
    return birthYear == null ? null : day.getYear() - birthYear;
  }

  private final Db db;
  private final ChildAccess access;
  private final RegisteringChildren registering;

  Children(Db db, ChildAccess access, RegisteringChildren registering) {
    this.db = db;
    this.access = access;
    this.registering = registering;
  }

  /** Registers a child as its home's staff or a coordinator would (the demo data). */
  public ChildView register(Caller caller, ChildProfile profile, String endpoint) {
    return registering.register(caller, profile, endpoint);
  }

  /** For other features (reporting, alerting, research): no access check, no audit row. */
  public Optional<ChildFacts> facts(UUID id) {
    return db.one("SELECT * FROM child WHERE id = ?", Children::facts, id);
  }

  /** {@link #facts(UUID)} of many children in one query, by id. */
  public Map<UUID, ChildFacts> facts(Collection<UUID> ids) {
    Map<UUID, ChildFacts> facts = new HashMap<>();
    if (!ids.isEmpty()) {
      db.list("SELECT * FROM child WHERE id = ANY (?::uuid[])", Children::facts, ids)
          .forEach(f -> facts.put(f.id(), f));
    }
    return facts;
  }

  private static ChildFacts facts(ResultSet rs) throws SQLException {
    return new ChildFacts(
        Db.uuid(rs, "id"),
        Db.uuid(rs, "home_id"),
        rs.getString("given_name"),
        rs.getString("family_name"),
        rs.getString("dossier_number"),
        rs.getObject("date_of_birth", LocalDate.class),
        rs.getObject("date_of_birth") != null
            ? rs.getObject("date_of_birth", LocalDate.class).getYear()
            : (Integer) rs.getObject("estimated_birth_year"),
        rs.getString("gender"),
        rs.getString("nationality"),
        rs.getString("responsible_municipality_code"),
        rs.getString("guardian_phone") == null
            ? null
            : new Guardian(rs.getString("guardian_name"), rs.getString("guardian_phone")));
  }

  public Optional<SearchFacts> searchFacts(UUID id) {
    return Optional.ofNullable(searchFacts(List.of(id)).get(id));
  }

  /** {@link #searchFacts(UUID)} of many children in one query, by id. */
  public Map<UUID, SearchFacts> searchFacts(Collection<UUID> ids) {
    Map<UUID, SearchFacts> facts = new HashMap<>();
    if (!ids.isEmpty()) {
      db.list(
              "SELECT id, description, languages, risk_indicators FROM child WHERE id = ANY (?::uuid[])",
              rs ->
                  Map.entry(
                      Db.uuid(rs, "id"),
                      new SearchFacts(
                          rs.getString("description"),
                          Db.strings(rs, "languages"),
                          Db.strings(rs, "risk_indicators"))),
              ids)
          .forEach(e -> facts.put(e.getKey(), e.getValue()));
    }
    return facts;
  }

  /**
   * The children the caller may see (the rule of {@link ChildAccess}), as a sub-select to read
   * {@code FROM <sql> v}, so that other features' SQL names none of this feature's tables. Its
   * columns: id, home_id, responsible_municipality_code, given_name. Its parameters come before
   * those of the statement around it.
   */
  public VisibleChildren visibleTo(Caller caller) {
    ChildAccess.Filter filter = access.filter(caller);
    return new VisibleChildren(
        "(SELECT c.id, c.home_id, c.responsible_municipality_code, c.given_name FROM child c"
            + " WHERE "
            + filter.sql()
            + ")",
        filter.params());
  }

  /** A sub-select of children and the parameters of its placeholders. */
  public record VisibleChildren(String sql, Object... params) {}

  /** Whether the caller may see this child (the rule of {@link ChildAccess}). */
  public boolean mayRead(Caller caller, UUID childId) {
    return access.mayRead(caller, childId);
  }

  /** {@link #mayRead} for many children at once: the ids of those the caller may see. */
  public Set<UUID> readable(Caller caller, Collection<ChildFacts> facts) {
    return access.readable(caller, facts.stream().map(ChildFacts::id).toList());
  }
}
