package se.saknad.debriefs;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.debriefs.DebriefApi.DebriefView;
import se.saknad.debriefs.DebriefCodes.InterviewerRole;
import se.saknad.debriefs.DebriefCodes.Outcome;
import se.saknad.security.Caller;

/**
 * The debrief of a case as versions: one row per case holds the current version, a correction
 * replaces it under the next number, and every version is kept as it was shown in {@code
 * debrief_version}, with its own consent to research.
 */
@Singleton
class DebriefVersions {
  /** The version a case has now, and whether it was given with consent to research. */
  record Current(int version, boolean consent) {}

  private final Db db;
  private final ObjectMapper json;
  private final Clock clock;

  DebriefVersions(Db db, ObjectMapper json, Clock clock) {
    this.db = db;
    this.json = json;
    this.clock = clock;
  }

  /** The current version, locked until the transaction ends, so that corrections queue. */
  Optional<Current> lockCurrent(UUID caseId) {
    return db.one(
        "SELECT version, consent_to_research FROM debrief WHERE case_id = ? FOR UPDATE",
        rs -> new Current(rs.getInt(1), rs.getBoolean(2)),
        caseId);
  }

  /**
   * The number the new version gets: 1 for a first debrief, the next for a correction; 409 when a
   * first one is recorded again, 404 when there is nothing to correct.
   */
  static int nextVersion(Optional<Current> current, boolean correction) {
    if (current.isPresent() && !correction) {
      throw exists(Map.of("version", current.get().version()));
    }
    if (current.isEmpty() && correction) {
      throw ProblemException.notFound("debrief");
    }
    return current.map(c -> c.version() + 1).orElse(1);
  }

  /** Writes the version as the case's debrief and keeps a copy of it; answers it as shown. */
  DebriefView write(
      UUID caseId, Instant debriefDueBy, int version, CheckedDebrief debrief, Caller caller) {
    Object[] values = {
      version,
      debrief.outcome(),
      debrief.notHeldReason(),
      debrief.conductedAt(),
      debrief.interviewerRole(),
      debrief.interviewerIndependent(),
      debrief.interpreterUsed(),
      debrief.language(),
      debrief.consentToResearch(),
      debrief.reasons(),
      debrief.reasonsText(),
      debrief.whereabouts(),
      debrief.exploitationIndicators(),
      debrief.childStatement(),
      caller.userId(),
      clock.instant(),
      caseId
    };
    if (version == 1) {
      insert(values);
    } else {
      db.update(
          "UPDATE debrief SET version = ?, outcome = ?, not_held_reason = ?, conducted_at = ?,"
              + " interviewer_role = ?, interviewer_independent = ?, interpreter_used = ?, language = ?,"
              + " consent_to_research = ?, reasons = ?, reasons_text = ?, whereabouts = ?,"
              + " exploitation_indicators = ?, child_statement = ?, recorded_by = ?, recorded_at = ?"
              + " WHERE case_id = ?",
          values);
    }
    DebriefView view = load(caseId, debriefDueBy).orElseThrow();
    // Consent is per version: research and retention judge each version's words by its own.
    db.update(
        "INSERT INTO debrief_version (case_id, version, content, recorded_by, recorded_at,"
            + " consent_to_research) VALUES (?, ?, ?::jsonb, ?, ?, ?)",
        caseId,
        version,
        toJson(view),
        caller.userId(),
        clock.instant(),
        view.consentToResearch());
    return view;
  }

  /** A first debrief; one recorded meanwhile by someone else makes this one a 409. */
  private void insert(Object[] values) {
    int inserted =
        db.update(
            "INSERT INTO debrief (version, outcome, not_held_reason, conducted_at, interviewer_role,"
                + " interviewer_independent, interpreter_used, language, consent_to_research, reasons,"
                + " reasons_text, whereabouts, exploitation_indicators, child_statement, recorded_by,"
                + " recorded_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (case_id) DO NOTHING",
            values);
    if (inserted == 0) {
      throw exists(Map.of());
    }
  }

  private static ProblemException exists(Map<String, Object> details) {
    return ProblemException.conflict(
        "debrief-exists", "A debrief is already recorded", "Correct it with PUT instead", details);
  }

  /** The current version as shown; held in time when conducted by the case's deadline. */
  Optional<DebriefView> load(UUID caseId, Instant debriefDueBy) {
    return db.one(
        "SELECT * FROM debrief WHERE case_id = ?",
        rs -> {
          Instant conducted = Db.instant(rs, "conducted_at");
          return new DebriefView(
              caseId,
              rs.getInt("version"),
              Outcome.valueOf(rs.getString("outcome")),
              rs.getString("not_held_reason"),
              conducted,
              InterviewerRole.valueOf(rs.getString("interviewer_role")),
              rs.getBoolean("interviewer_independent"),
              rs.getBoolean("interpreter_used"),
              rs.getString("language"),
              rs.getBoolean("consent_to_research"),
              Db.strings(rs, "reasons"),
              rs.getString("reasons_text"),
              Db.strings(rs, "whereabouts"),
              Db.strings(rs, "exploitation_indicators"),
              rs.getString("child_statement"),
              Db.instant(rs, "recorded_at"),
              conducted != null && debriefDueBy != null && !conducted.isAfter(debriefDueBy));
        },
        caseId);
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
