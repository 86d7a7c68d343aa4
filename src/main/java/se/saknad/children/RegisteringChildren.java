package se.saknad.children;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.children.ChildApi.ChildProfile;
import se.saknad.children.ChildApi.ChildView;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

/**
 * Registers a child's profile in advance, so that reporting a disappearance takes under a minute,
 * and keeps it up to date: checked by {@link ProfileRules}, one child per dossier number, each
 * change kept in the history and audited.
 */
@Singleton
@Transactional
class RegisteringChildren {
  /** The columns a profile writes, in the order of {@link #profileValues}. */
  private static final String PROFILE_COLUMNS =
      "home_id, given_name, family_name, aliases, date_of_birth, estimated_birth_year, gender,"
          + " nationality, languages, dossier_number, description, risk_indicators, guardian_name,"
          + " guardian_phone, responsible_municipality_code, search_names";

  private static final int PROFILE_COLUMN_COUNT = PROFILE_COLUMNS.split(",").length;

  private final Db db;
  private final ChildRows rows;
  private final ChildAccess access;
  private final ProfileRules rules;
  private final ChildHistory history;
  private final AuditTrail audit;
  private final Clock clock;

  RegisteringChildren(
      Db db,
      ChildRows rows,
      ChildAccess access,
      ProfileRules rules,
      ChildHistory history,
      AuditTrail audit,
      Clock clock) {
    this.db = db;
    this.rows = rows;
    this.access = access;
    this.rules = rules;
    this.history = history;
    this.audit = audit;
    this.clock = clock;
  }

  ChildView register(Caller caller, ChildProfile profile, String endpoint) {
    access.requireMayChange(caller, profile.homeId());
    rules.validate(profile);
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
    ChildView created = rows.find(id).orElseThrow();
    history.record(id, caller, "REGISTERED", null, created);
    audit.record(caller, "CHILD_REGISTERED", id, null, endpoint);
    return created;
  }

  ChildView update(Caller caller, UUID id, ChildProfile profile, String endpoint) {
    ChildView before = access.require(caller, id);
    access.requireMayChange(caller, before.homeId());
    access.requireMayChange(caller, profile.homeId());
    rules.validate(profile);
    requireDossierFree(caller, profile.dossierNumber(), id, endpoint);
    db.update(
        "UPDATE child SET ("
            + PROFILE_COLUMNS
            + ", updated_at) = ("
            + "?, ".repeat(PROFILE_COLUMN_COUNT)
            + "?) WHERE id = ?",
        values(profileValues(profile), clock.instant(), id));
    ChildView after = rows.find(id).orElseThrow();
    history.record(id, caller, "UPDATED", before, after);
    audit.record(caller, "CHILD_UPDATED", id, null, endpoint);
    return after;
  }

  /**
   * A dossier number names one child. Who may read the holder is told which child it is; anyone
   * else learns nothing about it.
   */
  private void requireDossierFree(Caller caller, String dossier, UUID self, String endpoint) {
    String number = blankToNull(dossier);
    if (number == null) {
      return;
    }
    Optional<ChildView> holder = rows.one("c.dossier_number = ? AND c.merged_into IS NULL", number);
    if (holder.isEmpty() || holder.get().id().equals(self)) {
      return;
    }
    UUID existing = holder.get().id();
    if (access.mayRead(caller, existing)) {
      throw ProblemException.conflict(
          "dossier-number-exists",
          "A child with this dossier number is already registered",
          "Check the possible duplicate before registering again",
          Map.of("existingChildId", existing.toString()));
    }
    // The caller may not know that this child exists: say nothing about it, but leave a trace on
    // its audit trail (outside this transaction, which rolls back) for a coordinator to follow up.
    audit.recordApart(caller, "DOSSIER_NUMBER_CONFLICT", existing, null, endpoint);
    throw ProblemException.conflict(
        "dossier-number-exists",
        "The dossier number cannot be registered",
        "A coordinator must resolve this dossier number before the child can be registered",
        Map.of());
  }

  private static Object[] profileValues(ChildProfile profile) {
    List<String> aliases =
        nullToEmpty(profile.aliases()).stream().map(String::strip).distinct().toList();
    return new Object[] {
      profile.homeId(),
      profile.givenName().strip(),
      profile.familyName().strip(),
      aliases,
      profile.dateOfBirth(),
      profile.dateOfBirth() != null ? null : profile.estimatedBirthYear(),
      profile.gender(),
      profile.nationality(),
      nullToEmpty(profile.languages()),
      blankToNull(profile.dossierNumber()),
      profile.description() == null ? "" : profile.description().strip(),
      nullToEmpty(profile.riskIndicators()),
      profile.guardian() == null ? null : profile.guardian().name().strip(),
      profile.guardian() == null ? null : profile.guardian().phone(),
      profile.responsibleMunicipalityCode(),
      SearchNames.of(profile.givenName(), profile.familyName(), aliases)
    };
  }

  /** Flattens values and arrays of values into one parameter list. */
  private static Object[] values(Object... parts) {
    List<Object> all = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Object[] many) {
        all.addAll(Arrays.asList(many));
      } else {
        all.add(part);
      }
    }
    return all.toArray();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
