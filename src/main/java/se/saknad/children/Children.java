package se.saknad.children;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildApi.ChildProfile;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.children.ChildApi.DuplicateCandidate;
import se.saknad.children.ChildApi.Guardian;
import se.saknad.common.Db;
import se.saknad.common.PhoneNumbers;
import se.saknad.common.ProblemException;
import se.saknad.common.Sweden;
import se.saknad.geo.ReferenceGeography;
import se.saknad.homes.Homes;
import se.saknad.security.Caller;
import se.saknad.security.ManagingUsers;
import se.saknad.security.Role;

/**
 * Children's profiles: registered in advance by the home's staff so that reporting a disappearance
 * takes under a minute. Every read and change is audited; changes keep history.
 */
@Singleton
@Transactional
public class Children {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> LANGUAGES_2 = Set.of(Locale.getISOLanguages());

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
  }

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

  private static final String SELECT = "SELECT * FROM child";

  /** The columns a profile writes, in the order of {@link #profileValues}. */
  private static final String PROFILE_COLUMNS =
      "home_id, given_name, family_name, aliases, date_of_birth, estimated_birth_year, gender,"
          + " nationality, languages, dossier_number, description, risk_indicators, guardian_name,"
          + " guardian_phone, responsible_municipality_code, search_names";

  private static final int PROFILE_COLUMN_COUNT = PROFILE_COLUMNS.split(",").length;

  private final Db db;
  private final Homes homes;
  private final ReferenceGeography geography;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final Clock clock;
  private final ManagingUsers users;
  private final ApplicationEventPublisher<ChildrenMerging> merging;

  Children(
      Db db,
      Homes homes,
      ReferenceGeography geography,
      AuditTrail audit,
      ObjectMapper json,
      Clock clock,
      ApplicationEventPublisher<ChildrenMerging> merging,
      ManagingUsers users) {
    this.users = users;
    this.merging = merging;
    this.db = db;
    this.homes = homes;
    this.geography = geography;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  public ChildView register(Caller caller, ChildProfile profile, String endpoint) {
    requireMayWrite(caller, profile.homeId());
    validate(profile);
    requireDossierFree(caller, profile.dossierNumber(), null, endpoint);
    UUID id = UUID.randomUUID();
    var now = clock.instant();
    db.update(
        "INSERT INTO child (id, "
            + PROFILE_COLUMNS
            + ", created_at, updated_at) VALUES (?, "
            + "?, ".repeat(PROFILE_COLUMN_COUNT)
            + "?, ?)",
        values(id, profileValues(profile), now, now));
    ChildView created = load(id).orElseThrow();
    history(id, caller, "REGISTERED", null, created);
    audit.record(caller, "CHILD_REGISTERED", id, null, endpoint);
    return created;
  }

  public ChildView update(Caller caller, UUID id, ChildProfile profile, String endpoint) {
    ChildView before = requireReadable(caller, id);
    requireMayWrite(caller, before.homeId());
    requireMayWrite(caller, profile.homeId());
    validate(profile);
    requireDossierFree(caller, profile.dossierNumber(), id, endpoint);
    db.update(
        "UPDATE child SET ("
            + PROFILE_COLUMNS
            + ", updated_at) = ("
            + "?, ".repeat(PROFILE_COLUMN_COUNT)
            + "?) WHERE id = ?",
        values(profileValues(profile), clock.instant(), id));
    ChildView after = load(id).orElseThrow();
    history(id, caller, "UPDATED", before, after);
    audit.record(caller, "CHILD_UPDATED", id, null, endpoint);
    return after;
  }

  public ChildView read(Caller caller, UUID id, String endpoint) {
    ChildView child = requireReadable(caller, id);
    audit.record(caller, "CHILD_READ", id, null, endpoint);
    return child;
  }

  /** Who changed what in a profile, oldest first; readable by whoever may read the child. */
  public List<ChildApi.ChildChange> history(Caller caller, UUID id, String endpoint) {
    requireReadable(caller, id);
    audit.record(caller, "CHILD_HISTORY_READ", id, null, endpoint);
    List<ChildApi.ChildChange> changes =
        db.list(
            "SELECT h.id, h.changed_at, h.changed_by, h.change, h.before::text AS before,"
                + " h.after::text AS after FROM child_change h"
                + " WHERE h.child_id = ? ORDER BY h.changed_at, h.id",
            rs -> {
              Map<String, Object> before = fromJson(rs.getString("before"));
              Map<String, Object> after = fromJson(rs.getString("after"));
              java.util.TreeSet<String> fields = new java.util.TreeSet<>();
              if (before != null && after != null) {
                fields.addAll(before.keySet());
                fields.addAll(after.keySet());
                fields.removeIf(f -> java.util.Objects.equals(before.get(f), after.get(f)));
              } else if (after != null) {
                fields.addAll(after.keySet());
              }
              return new ChildApi.ChildChange(
                  rs.getLong("id"),
                  Db.instant(rs, "changed_at"),
                  Db.uuid(rs, "changed_by"),
                  null,
                  rs.getString("change"),
                  List.copyOf(fields),
                  before,
                  after);
            },
            id);
    Map<UUID, String> usernames =
        users.usernames(changes.stream().map(ChildApi.ChildChange::changedBy).toList());
    return changes.stream()
        .map(
            c ->
                new ChildApi.ChildChange(
                    c.id(),
                    c.changedAt(),
                    c.changedBy(),
                    usernames.get(c.changedBy()),
                    c.change(),
                    c.changedFields(),
                    c.before(),
                    c.after()))
        .toList();
  }

  private Map<String, Object> fromJson(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(
          text, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public List<ChildView> list(Caller caller, UUID homeId, String endpoint) {
    List<ChildView> children;
    if (caller.is(Role.HVB_STAFF)) {
      if (homeId != null && !homeId.equals(caller.homeId())) {
        return List.of();
      }
      children = byHome(caller.homeId());
    } else if (caller.is(Role.SOCIAL_SERVICES)) {
      children =
          db.list(
              SELECT
                  + " WHERE merged_into IS NULL AND responsible_municipality_code = ?"
                  + (homeId == null ? "" : " AND home_id = '" + homeId + "'")
                  + " ORDER BY given_name, family_name",
              this::view,
              caller.municipalityCode());
    } else if (homeId != null) {
      children = byHome(homeId);
    } else {
      children =
          db.list(
              SELECT + " WHERE merged_into IS NULL ORDER BY given_name, family_name", this::view);
    }
    for (ChildView child : children) {
      audit.record(caller, "CHILD_LISTED", child.id(), null, endpoint);
    }
    return children;
  }

  /**
   * Other children who are probably the same person: the same dossier number, or a similar name or
   * alias (trigram similarity without diacritics) with a birth year at most two years apart.
   */
  public List<DuplicateCandidate> possibleDuplicates(Caller caller, UUID id, String endpoint) {
    ChildView child = requireReadable(caller, id);
    audit.record(caller, "CHILD_DUPLICATES_SEARCHED", id, null, endpoint);
    String names = searchNames(child.givenName(), child.familyName(), child.aliases());
    Integer year =
        child.dateOfBirth() != null ? child.dateOfBirth().getYear() : child.estimatedBirthYear();
    Scope scope = readableScope(caller);
    List<Object> params =
        new ArrayList<>(
            java.util.Arrays.asList(
                child.dossierNumber(), names, id, child.dossierNumber(), names, year));
    params.addAll(List.of(scope.params()));
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
              AND {scope}
            ORDER BY same_dossier DESC, score DESC
            LIMIT 20
            """
                .replace("{scope}", scope.sql()),
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
            params.toArray());
    // Each candidate shown is a read of that child's name, home and birth year.
    for (DuplicateCandidate candidate : candidates) {
      audit.record(caller, "CHILD_SHOWN_AS_DUPLICATE", candidate.id(), null, endpoint);
    }
    return candidates;
  }

  /** SQL over {@code child c}: the same rule as {@link #mayRead}, so that searches never leak. */
  private Scope readableScope(Caller caller) {
    return switch (caller.role()) {
      case ADMIN, COORDINATOR -> new Scope("TRUE");
      case HVB_STAFF -> new Scope("c.home_id = ?", caller.homeId());
      case SOCIAL_SERVICES ->
          new Scope(
              "(c.responsible_municipality_code = ? OR EXISTS (SELECT 1 FROM disappearance_case x"
                  + " WHERE x.child_id = c.id AND x.municipality_code = ?))",
              caller.municipalityCode(),
              caller.municipalityCode());
      default -> new Scope("FALSE");
    };
  }

  private record Scope(String sql, Object... params) {}

  /** Folds {@code otherId} into {@code id}: its cases move, its names become aliases. */
  public ChildView merge(Caller caller, UUID id, UUID otherId, String endpoint) {
    if (id.equals(otherId)) {
      throw ProblemException.invalid("otherId", "a child cannot be merged with itself");
    }
    ChildView keep = requireReadable(caller, id);
    ChildView other =
        load(otherId)
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
        searchNames(keep.givenName(), keep.familyName(), merged),
        other.dossierNumber(),
        clock.instant(),
        id);
    ChildView after = load(id).orElseThrow();
    history(id, caller, "MERGED " + otherId, keep, after);
    history(otherId, caller, "MERGED INTO " + id, other, load(otherId).orElseThrow());
    audit.record(caller, "CHILD_MERGED", id, null, endpoint);
    audit.record(caller, "CHILD_MERGED_AWAY", otherId, null, endpoint);
    return after;
  }

  /**
   * Records that the child's placement in the home ended: the child leaves the home's list, and the
   * child's personal data is erased once the retention period has passed since that day (and since
   * the last case closed). Posting again corrects the day.
   */
  public ChildView endPlacement(Caller caller, UUID id, LocalDate endedOn, String endpoint) {
    ChildView before = requireReadable(caller, id);
    requireMayWrite(caller, before.homeId());
    if (before.mergedInto() != null) {
      throw ProblemException.conflict(
          "child-merged",
          "The record was merged into another",
          "End the placement on the record it was merged into",
          Map.of("mergedInto", before.mergedInto().toString()));
    }
    if (endedOn.isAfter(Sweden.today(clock))) {
      throw ProblemException.invalid("endedOn", "lies in the future");
    }
    if (before.dateOfBirth() != null && endedOn.isBefore(before.dateOfBirth())) {
      throw ProblemException.invalid("endedOn", "lies before the date of birth");
    }
    db.update(
        "UPDATE child SET placement_ended_on = ?, updated_at = ? WHERE id = ?",
        endedOn,
        clock.instant(),
        id);
    ChildView after = load(id).orElseThrow();
    history(id, caller, "PLACEMENT_ENDED", before, after);
    audit.record(caller, "CHILD_PLACEMENT_ENDED", id, null, endpoint);
    return after;
  }

  private static Object[] profileValues(ChildProfile profile) {
    return new Object[] {
      profile.homeId(),
      profile.givenName().strip(),
      profile.familyName().strip(),
      aliases(profile),
      profile.dateOfBirth(),
      birthYear(profile),
      profile.gender(),
      profile.nationality(),
      nullToEmpty(profile.languages()),
      blankToNull(profile.dossierNumber()),
      profile.description() == null ? "" : profile.description().strip(),
      nullToEmpty(profile.riskIndicators()),
      profile.guardian() == null ? null : profile.guardian().name().strip(),
      profile.guardian() == null ? null : profile.guardian().phone(),
      profile.responsibleMunicipalityCode(),
      searchNames(profile.givenName(), profile.familyName(), aliases(profile))
    };
  }

  /** Flattens values and arrays of values into one parameter list. */
  private static Object[] values(Object... parts) {
    List<Object> all = new java.util.ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Object[] many) {
        all.addAll(java.util.Arrays.asList(many));
      } else {
        all.add(part);
      }
    }
    return all.toArray();
  }

  /** For other features (reporting, alerting, research): no access check, no audit row. */
  public Optional<ChildFacts> facts(UUID id) {
    return db.one(SELECT + " WHERE id = ?", Children::facts, id);
  }

  /** {@link #facts(UUID)} of many children in one query, by id. */
  public Map<UUID, ChildFacts> facts(java.util.Collection<UUID> ids) {
    Map<UUID, ChildFacts> facts = new java.util.HashMap<>();
    if (!ids.isEmpty()) {
      db.list(SELECT + " WHERE id = ANY (?::uuid[])", Children::facts, ids)
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

  /** What searchers need to recognise the child, for the case's search sheet; no access check. */
  public record SearchFacts(
      String description, List<String> languages, List<String> riskIndicators) {}

  public Optional<SearchFacts> searchFacts(UUID id) {
    return Optional.ofNullable(searchFacts(List.of(id)).get(id));
  }

  /** {@link #searchFacts(UUID)} of many children in one query, by id. */
  public Map<UUID, SearchFacts> searchFacts(java.util.Collection<UUID> ids) {
    Map<UUID, SearchFacts> facts = new java.util.HashMap<>();
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
   * Whether the caller may see this child: staff of its home, social services of its responsible
   * municipality or of a municipality where it went missing, coordinators and administrators.
   */
  public boolean mayRead(Caller caller, UUID childId, UUID homeId, String responsibleMunicipality) {
    return readableOf(caller, List.of(new Placement(childId, homeId, responsibleMunicipality)))
        .contains(childId);
  }

  /** {@link #mayRead} for many children at once: the ids of those the caller may see. */
  public Set<UUID> readable(Caller caller, java.util.Collection<ChildFacts> facts) {
    return readableOf(
        caller,
        facts.stream()
            .map(f -> new Placement(f.id(), f.homeId(), f.responsibleMunicipalityCode()))
            .toList());
  }

  private record Placement(UUID childId, UUID homeId, String responsibleMunicipality) {}

  private Set<UUID> readableOf(Caller caller, List<Placement> children) {
    Set<UUID> readable = new java.util.HashSet<>();
    List<UUID> missingElsewhere = new ArrayList<>();
    for (Placement child : children) {
      switch (caller.role()) {
        case ADMIN, COORDINATOR -> readable.add(child.childId());
        case HVB_STAFF -> {
          if (child.homeId().equals(caller.homeId())) {
            readable.add(child.childId());
          }
        }
        case SOCIAL_SERVICES -> {
          if (caller.municipalityCode() == null) {
            continue;
          }
          if (caller.municipalityCode().equals(child.responsibleMunicipality())) {
            readable.add(child.childId());
          } else {
            missingElsewhere.add(child.childId());
          }
        }
        default -> {}
      }
    }
    if (!missingElsewhere.isEmpty()) {
      readable.addAll(
          db.list(
              "SELECT DISTINCT child_id FROM disappearance_case"
                  + " WHERE child_id = ANY (?::uuid[]) AND municipality_code = ?",
              rs -> Db.uuid(rs, "child_id"),
              missingElsewhere,
              caller.municipalityCode()));
    }
    return readable;
  }

  private ChildView requireReadable(Caller caller, UUID id) {
    ChildView child = load(id).orElseThrow(() -> ProblemException.notFound("child"));
    if (!mayRead(caller, id, child.homeId(), child.responsibleMunicipalityCode())) {
      // 404 rather than 403: whether a child exists elsewhere is itself personal data.
      throw ProblemException.notFound("child");
    }
    return child;
  }

  private void requireMayWrite(Caller caller, UUID homeId) {
    if (caller.is(Role.HVB_STAFF) && !homeId.equals(caller.homeId())) {
      throw ProblemException.forbidden("staff register children of their own home only");
    }
  }

  private void validate(ChildProfile p) {
    if (homes.find(p.homeId()).isEmpty()) {
      throw ProblemException.invalid("homeId", "unknown home");
    }
    if (p.dateOfBirth() == null && p.estimatedBirthYear() == null) {
      throw ProblemException.invalid(
          "dateOfBirth", "give the date of birth or the estimated birth year");
    }
    LocalDate today = Sweden.today(clock);
    if (p.dateOfBirth() != null
        && (p.dateOfBirth().isAfter(today) || p.dateOfBirth().isBefore(today.minusYears(30)))) {
      throw ProblemException.invalid("dateOfBirth", "not a plausible date of birth");
    }
    if (p.estimatedBirthYear() != null && p.estimatedBirthYear() > today.getYear()) {
      throw ProblemException.invalid("estimatedBirthYear", "lies in the future");
    }
    if (!COUNTRIES.contains(p.nationality())) {
      throw ProblemException.invalid("nationality", "not an ISO 3166-1 alpha-2 country code");
    }
    for (String language : nullToEmpty(p.languages())) {
      if (language.length() == 2 && !LANGUAGES_2.contains(language)) {
        throw ProblemException.invalid("languages", "not an ISO 639 language code");
      }
    }
    if (p.guardian() != null) {
      PhoneNumbers.requireE164(p.guardian().phone(), "guardian.phone");
    }
    if (!geography.municipalityExists(p.responsibleMunicipalityCode())) {
      throw ProblemException.invalid("responsibleMunicipalityCode", "unknown municipality code");
    }
  }

  private void requireDossierFree(Caller caller, String dossier, UUID self, String endpoint) {
    String number = blankToNull(dossier);
    if (number == null) {
      return;
    }
    Optional<ChildView> holder =
        db.one(SELECT + " WHERE dossier_number = ? AND merged_into IS NULL", this::view, number);
    if (holder.isEmpty() || holder.get().id().equals(self)) {
      return;
    }
    ChildView existing = holder.get();
    if (mayRead(caller, existing.id(), existing.homeId(), existing.responsibleMunicipalityCode())) {
      throw ProblemException.conflict(
          "dossier-number-exists",
          "A child with this dossier number is already registered",
          "Check the possible duplicate before registering again",
          Map.of("existingChildId", existing.id().toString()));
    }
    // The caller may not know that this child exists: say nothing about it, but leave a trace on
    // its audit trail (outside this transaction, which rolls back) for a coordinator to follow up.
    audit.recordApart(caller, "DOSSIER_NUMBER_CONFLICT", existing.id(), null, endpoint);
    throw ProblemException.conflict(
        "dossier-number-exists",
        "The dossier number cannot be registered",
        "A coordinator must resolve this dossier number before the child can be registered",
        Map.of());
  }

  private Optional<ChildView> load(UUID id) {
    return db.one(SELECT + " WHERE id = ?", this::view, id);
  }

  private List<ChildView> byHome(UUID homeId) {
    return db.list(
        SELECT
            + " WHERE merged_into IS NULL AND home_id = ?"
            + " AND (placement_ended_on IS NULL OR placement_ended_on > ?)"
            + " ORDER BY given_name, family_name",
        this::view,
        homeId,
        Sweden.today(clock));
  }

  private void history(UUID id, Caller caller, String change, ChildView before, ChildView after) {
    db.update(
        "INSERT INTO child_change (child_id, changed_by, changed_at, change, before, after)"
            + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)",
        id,
        caller.userId(),
        clock.instant(),
        change,
        toJson(before),
        toJson(after));
  }

  private String toJson(ChildView view) {
    if (view == null) {
      return null;
    }
    try {
      return json.writeValueAsString(view);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ChildView view(ResultSet rs) throws SQLException {
    LocalDate dob = rs.getObject("date_of_birth", LocalDate.class);
    Integer estimated = (Integer) rs.getObject("estimated_birth_year");
    Integer age = ageAt(dob, estimated, clock.instant());
    String guardianPhone = rs.getString("guardian_phone");
    return new ChildView(
        Db.uuid(rs, "id"),
        Db.uuid(rs, "home_id"),
        rs.getString("given_name"),
        rs.getString("family_name"),
        Db.strings(rs, "aliases"),
        dob,
        estimated,
        age,
        ChildApi.Gender.valueOf(rs.getString("gender")),
        rs.getString("nationality"),
        Db.strings(rs, "languages"),
        rs.getString("dossier_number"),
        rs.getString("description"),
        Db.strings(rs, "risk_indicators"),
        guardianPhone == null ? null : new Guardian(rs.getString("guardian_name"), guardianPhone),
        rs.getString("responsible_municipality_code"),
        Db.uuid(rs, "merged_into"),
        rs.getObject("placement_ended_on", LocalDate.class),
        Db.instant(rs, "created_at"),
        Db.instant(rs, "updated_at"));
  }

  private static Integer birthYear(ChildProfile p) {
    return p.dateOfBirth() != null ? null : p.estimatedBirthYear();
  }

  private static List<String> aliases(ChildProfile p) {
    return nullToEmpty(p.aliases()).stream().map(String::strip).distinct().toList();
  }

  /** All spellings, lower case, without diacritics, for trigram matching. */
  static String searchNames(String given, String family, List<String> aliases) {
    List<String> all = new ArrayList<>();
    all.add(given + " " + family);
    all.addAll(aliases);
    StringBuilder out = new StringBuilder();
    for (String name : all) {
      String plain =
          Normalizer.normalize(name, Normalizer.Form.NFKD)
              .replaceAll("\\p{M}", "")
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} ]", " ")
              .replaceAll("\\s+", " ")
              .strip();
      if (out.length() > 0) {
        out.append(" | ");
      }
      out.append(plain);
    }
    return out.toString();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
