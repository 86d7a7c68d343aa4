package se.saknad.debriefs;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseAccess;
import se.saknad.cases.CaseAccess.VisibleCase;
import se.saknad.cases.CaseApi.Status;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.debriefs.DebriefApi.DebriefRequest;
import se.saknad.debriefs.DebriefApi.DebriefView;
import se.saknad.debriefs.DebriefApi.OverdueDebrief;
import se.saknad.debriefs.DebriefCodes.InterviewerRole;
import se.saknad.debriefs.DebriefCodes.Outcome;
import se.saknad.geo.ReferenceGeography;
import se.saknad.homes.HomeApi.HomeView;
import se.saknad.homes.Homes;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * The interview with a child who came back: one per case, corrections kept as versions. Also the
 * 72-hour clock: which returned cases have no debrief past their deadline.
 */
@Singleton
@Transactional
public class Debriefs {
  private final Db db;
  private final CaseAccess caseAccess;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration clockSkew;
  private final ApplicationEventPublisher<Object> events;
  private final Homes homes;
  private final ReferenceGeography geography;

  Debriefs(
      Db db,
      CaseAccess caseAccess,
      AuditTrail audit,
      ObjectMapper json,
      Clock clock,
      @Value("${saknad.clock-skew:5m}") Duration clockSkew,
      ApplicationEventPublisher<Object> events,
      Homes homes,
      ReferenceGeography geography) {
    this.db = db;
    this.caseAccess = caseAccess;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.events = events;
    this.homes = homes;
    this.geography = geography;
  }

  public DebriefView record(
      Caller caller, UUID caseId, DebriefRequest request, boolean correction, String endpoint) {
    VisibleCase kase = readableCase(caller, caseId);
    if (kase.status() != Status.RETURNED && kase.status() != Status.CLOSED
        || kase.returnedAt() == null) {
      throw ProblemException.conflict(
          "case-not-returned",
          "The child has not returned",
          "A debrief is recorded after the return",
          Map.of("status", kase.status().name()));
    }
    record Current(int version, boolean consent) {}
    Optional<Current> current =
        db.one(
            "SELECT version, consent_to_research FROM debrief WHERE case_id = ? FOR UPDATE",
            rs -> new Current(rs.getInt(1), rs.getBoolean(2)),
            caseId);
    Optional<Integer> version = current.map(Current::version);
    if (version.isPresent() && !correction) {
      throw ProblemException.conflict(
          "debrief-exists",
          "A debrief is already recorded",
          "Correct it with PUT instead",
          Map.of("version", version.get()));
    }
    if (version.isEmpty() && correction) {
      throw ProblemException.notFound("debrief");
    }
    Outcome outcome = request.outcome() == null ? Outcome.HELD : request.outcome();
    Instant conductedAt = request.conductedAt() == null ? null : request.conductedAt().toInstant();
    if (outcome != Outcome.NOT_HELD && conductedAt == null) {
      throw ProblemException.invalid(
          "conductedAt", "required when the interview took place or was declined");
    }
    if (conductedAt != null && conductedAt.isAfter(clock.instant().plus(clockSkew))) {
      throw ProblemException.invalid("conductedAt", "lies in the future");
    }
    if (conductedAt != null && conductedAt.isBefore(kase.returnedAt())) {
      throw ProblemException.invalid("conductedAt", "lies before the child returned");
    }
    if (outcome == Outcome.NOT_HELD
        && (request.notHeldReason() == null || request.notHeldReason().isBlank())) {
      throw ProblemException.invalid("notHeldReason", "say why the interview was not held");
    }
    int next = version.map(v -> v + 1).orElse(1);
    Object[] values = {
      next,
      outcome,
      blankToNull(request.notHeldReason()),
      conductedAt,
      request.interviewerRole(),
      Boolean.TRUE.equals(request.interviewerIndependent())
          || request.interviewerRole() == InterviewerRole.INDEPENDENT_INTERVIEWER,
      Boolean.TRUE.equals(request.interpreterUsed()),
      request.language(),
      request.consentToResearch(),
      names(request.reasons()),
      text(request.reasonsText()),
      names(request.whereabouts()),
      names(request.exploitationIndicators()),
      text(request.childStatement()),
      caller.userId(),
      clock.instant(),
      caseId
    };
    if (version.isEmpty()) {
      int inserted =
          db.update(
              "INSERT INTO debrief (version, outcome, not_held_reason, conducted_at, interviewer_role,"
                  + " interviewer_independent, interpreter_used, language, consent_to_research, reasons,"
                  + " reasons_text, whereabouts, exploitation_indicators, child_statement, recorded_by,"
                  + " recorded_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " ON CONFLICT (case_id) DO NOTHING",
              values);
      if (inserted == 0) {
        throw ProblemException.conflict(
            "debrief-exists",
            "A debrief is already recorded",
            "Correct it with PUT instead",
            Map.of());
      }
    } else {
      db.update(
          "UPDATE debrief SET version = ?, outcome = ?, not_held_reason = ?, conducted_at = ?,"
              + " interviewer_role = ?, interviewer_independent = ?, interpreter_used = ?, language = ?,"
              + " consent_to_research = ?, reasons = ?, reasons_text = ?, whereabouts = ?,"
              + " exploitation_indicators = ?, child_statement = ?, recorded_by = ?, recorded_at = ?"
              + " WHERE case_id = ?",
          values);
    }
    DebriefView view = load(caseId).orElseThrow();
    // Consent is per version: research and retention judge each version's words by its own.
    db.update(
        "INSERT INTO debrief_version (case_id, version, content, recorded_by, recorded_at,"
            + " consent_to_research) VALUES (?, ?, ?::jsonb, ?, ?, ?)",
        caseId,
        next,
        toJson(view),
        caller.userId(),
        clock.instant(),
        view.consentToResearch());
    audit.record(
        caller,
        correction ? "DEBRIEF_CORRECTED" : "DEBRIEF_RECORDED",
        kase.childId(),
        caseId,
        endpoint);
    if (current.isPresent() && current.get().consent() != view.consentToResearch()) {
      // The action names the change: GIVEN is false before, true after; WITHDRAWN the reverse.
      audit.record(
          caller,
          view.consentToResearch() ? "DEBRIEF_CONSENT_GIVEN" : "DEBRIEF_CONSENT_WITHDRAWN",
          kase.childId(),
          caseId,
          endpoint);
    }
    events.publishEvent(
        new DebriefEvents.DebriefRecorded(
            caseId, view.whereabouts(), view.exploitationIndicators()));
    return view;
  }

  public DebriefView read(Caller caller, UUID caseId, String endpoint) {
    VisibleCase kase = readableCase(caller, caseId);
    DebriefView view = load(caseId).orElseThrow(() -> ProblemException.notFound("debrief"));
    audit.record(caller, "DEBRIEF_READ", kase.childId(), caseId, endpoint);
    return view;
  }

  /**
   * The case, when the caller may also see its debrief: staff of the child's home (checked by the
   * case), coordinators, and social services of the responsible municipality only (not those of the
   * municipality where the child was last seen). Out of scope is 404, like the case.
   */
  private VisibleCase readableCase(Caller caller, UUID caseId) {
    VisibleCase kase = caseAccess.require(caller, caseId);
    if (caller.is(Role.SOCIAL_SERVICES)) {
      String responsible = kase.responsibleMunicipalityCode();
      if (caller.municipalityCode() == null || !caller.municipalityCode().equals(responsible)) {
        throw ProblemException.notFound("debrief");
      }
    }
    return kase;
  }

  /** Returned cases without a debrief past their deadline, scoped like the case list. */
  public List<OverdueDebrief> overdue(Caller caller) {
    return withoutDebrief(caller, clock.instant());
  }

  /** Every returned case still waiting for its debrief, due or not. */
  public List<OverdueDebrief> pending(Caller caller) {
    return withoutDebrief(caller, Instant.parse("9999-01-01T00:00:00Z"));
  }

  private List<OverdueDebrief> withoutDebrief(Caller caller, Instant dueBefore) {
    List<Object> params = new ArrayList<>();
    params.add(dueBefore);
    String scope = "";
    if (caller.is(Role.SOCIAL_SERVICES)) {
      // Debriefs are the responsible municipality's, not the one where the child was last seen.
      scope = " AND c.responsible_municipality_code = ?";
      params.add(caller.municipalityCode());
    } else if (caller.is(Role.HVB_STAFF)) {
      scope = " AND c.home_id = ?";
      params.add(caller.homeId());
    }
    List<OverdueDebrief> rows =
        db.list(
            OVERDUE + scope + " ORDER BY d.debrief_due_by", Debriefs::overdueRow, params.toArray());
    Map<UUID, HomeView> homeViews =
        homes.find(rows.stream().map(OverdueDebrief::homeId).collect(Collectors.toSet()));
    Instant now = clock.instant();
    return rows.stream()
        .map(
            o ->
                o.named(
                    Optional.ofNullable(homeViews.get(o.homeId())).map(HomeView::name).orElse(null),
                    geography.municipalityName(o.responsibleMunicipalityCode()),
                    now))
        .toList();
  }

  /** How many returned cases are past their debrief deadline without a debrief, nationally. */
  long overdueCount() {
    return db.one("SELECT count(*) FROM (" + OVERDUE + ") o", rs -> rs.getLong(1), clock.instant())
        .orElse(0L);
  }

  static final String OVERDUE =
      """
      SELECT d.id, d.code, c.home_id, c.responsible_municipality_code, d.returned_at,
             d.debrief_due_by, d.debrief_reminded_at IS NOT NULL AS reminded
      FROM disappearance_case d JOIN child c ON c.id = d.child_id
      WHERE d.status IN ('RETURNED', 'CLOSED') AND d.debrief_due_by < ?
        AND NOT EXISTS (SELECT 1 FROM debrief b WHERE b.case_id = d.id)
      """;

  static OverdueDebrief overdueRow(ResultSet rs) throws SQLException {
    return new OverdueDebrief(
        Db.uuid(rs, "id"),
        rs.getString("code"),
        Db.uuid(rs, "home_id"),
        rs.getString("responsible_municipality_code"),
        Db.instant(rs, "returned_at"),
        Db.instant(rs, "debrief_due_by"),
        rs.getBoolean("reminded"),
        null,
        null,
        0);
  }

  private Optional<DebriefView> load(UUID caseId) {
    return db.one(
        "SELECT b.*, d.debrief_due_by FROM debrief b JOIN disappearance_case d ON d.id = b.case_id"
            + " WHERE b.case_id = ?",
        rs -> {
          Instant conducted = Db.instant(rs, "conducted_at");
          Instant due = Db.instant(rs, "debrief_due_by");
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
              conducted != null && due != null && !conducted.isAfter(due));
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

  private static List<String> names(List<? extends Enum<?>> values) {
    return values == null ? List.of() : values.stream().map(Enum::name).distinct().toList();
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
