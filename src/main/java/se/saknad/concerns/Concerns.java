package se.saknad.concerns;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseApi;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.cases.CaseApi.DisappearanceReport;
import se.saknad.cases.Cases;
import se.saknad.children.Children;
import se.saknad.children.Children.ChildFacts;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.common.Sweden;
import se.saknad.concerns.ConcernApi.Assessment;
import se.saknad.concerns.ConcernApi.AssessmentOutcome;
import se.saknad.concerns.ConcernApi.AssessmentRequest;
import se.saknad.concerns.ConcernApi.CloseOutcome;
import se.saknad.concerns.ConcernApi.ConcernView;
import se.saknad.concerns.ConcernApi.NewConcern;
import se.saknad.concerns.ConcernApi.Notified;
import se.saknad.concerns.ConcernApi.Sign;
import se.saknad.concerns.ConcernApi.Status;
import se.saknad.homes.HomeApi.HomeView;
import se.saknad.homes.Homes;
import se.saknad.messaging.outbox.EnqueuingMessages;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * Concerns before a disappearance: staff (or social services, coordinators) record the signs they
 * see; social services of the responsible municipality must make a protection assessment the same
 * or the next day; one call turns the concern into a disappearance report when the child is gone.
 * Who may see a concern is who may see the child, and whoever was sent it by SMS. Every step is
 * audited against the child.
 */
@Singleton
@Transactional
public class Concerns {
  private static final String SELECT = "SELECT k.* FROM concern k WHERE ";

  private final Db db;
  private final Children children;
  private final Homes homes;
  private final Cases cases;
  private final ConcernNotices notices;
  private final EnqueuingMessages outbox;
  private final AuditTrail audit;
  private final Clock clock;
  private final Duration clockSkew;

  Concerns(
      Db db,
      Children children,
      Homes homes,
      Cases cases,
      ConcernNotices notices,
      EnqueuingMessages outbox,
      AuditTrail audit,
      Clock clock,
      @Value("${saknad.clock-skew:5m}") Duration clockSkew) {
    this.db = db;
    this.children = children;
    this.homes = homes;
    this.cases = cases;
    this.notices = notices;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
    this.clockSkew = clockSkew;
  }

  /** Records a concern about a child the caller works with, and tells those who must know. */
  public ConcernView record(Caller caller, UUID childId, NewConcern concern, String endpoint) {
    ChildFacts child =
        children
            .facts(childId)
            .filter(c -> children.mayRead(caller, c.id()))
            .orElseThrow(() -> ProblemException.notFound("child"));
    if (caller.is(Role.HVB_STAFF) && !child.homeId().equals(caller.homeId())) {
      throw ProblemException.notFound("child");
    }
    if (caller.is(Role.SOCIAL_SERVICES)
        && !child.responsibleMunicipalityCode().trim().equals(caller.municipalityCode())) {
      throw ProblemException.forbidden(
          "social services record concerns about the children their municipality is responsible"
              + " for");
    }
    Instant now = clock.instant();
    Instant observed = concern.observedAt().toInstant();
    if (observed.isAfter(now.plus(clockSkew))) {
      throw ProblemException.invalid("observedAt", "lies in the future");
    }
    // Not before the child was born (the year estimated when no date is known), as a report.
    if (observed.isBefore(child.earliestPossibleBirth())) {
      throw ProblemException.invalid("observedAt", "lies before the child's birth");
    }
    List<Sign> signs = concern.signs().stream().distinct().toList();
    boolean exploitation = signs.stream().anyMatch(s -> s.exploitation);
    HomeView home = homes.require(child.homeId());
    String region =
        db.one(
                "SELECT cty.police_region_code FROM municipality m JOIN county cty"
                    + " ON cty.code = m.county_code WHERE m.code = ?",
                rs -> rs.getString(1),
                home.municipalityCode())
            .orElse(null);
    // Social services must assess the same day or the next: by the end of the next Swedish day.
    Instant dueBy = Sweden.startOf(Sweden.dayOf(now).plusDays(2));
    UUID id = UUID.randomUUID();
    String responsible = child.responsibleMunicipalityCode().trim();
    db.update(
        """
        INSERT INTO concern (id, child_id, home_id, responsible_municipality_code,
          police_region_code, observed_at, signs, exploitation, note, status, recorded_by,
          recorded_at, assessment_due_by)
        VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?, ?, 'OPEN', ?, ?, ?)
        """,
        id,
        childId,
        child.homeId(),
        responsible,
        region,
        observed,
        signs.stream().map(Enum::name).toList(),
        exploitation,
        concern.note() == null ? "" : concern.note().strip(),
        caller.userId(),
        now,
        dueBy);
    audit.record(caller, "CONCERN_RECORDED", childId, null, endpoint);
    notices.send(
        new ConcernNotices.Told(
            id,
            child.givenName(),
            child.ageAt(now),
            exploitation,
            dueBy,
            responsible,
            region,
            child.guardian() == null ? null : child.guardian().phone()));
    return view(caller, row(id).orElseThrow());
  }

  public ConcernView read(Caller caller, UUID id, String endpoint) {
    Row row = readable(caller, id);
    audit.record(caller, "CONCERN_READ", row.childId(), null, endpoint);
    return view(caller, row);
  }

  /** The concerns the caller may see, newest first (at most 500), by status and child. */
  public List<ConcernView> list(Caller caller, Status status, UUID childId, String endpoint) {
    Filter filter = filter(caller);
    List<Object> params = new ArrayList<>(Arrays.asList(filter.params()));
    String where = filter.sql();
    if (status != null) {
      where += " AND k.status = ?";
      params.add(status.name());
    }
    if (childId != null) {
      where += " AND k.child_id = ?";
      params.add(childId);
    }
    List<Row> rows =
        db.list(
            SELECT + where + " ORDER BY k.recorded_at DESC, k.id LIMIT 500",
            Concerns::row,
            params.toArray());
    List<UUID> childIds = rows.stream().map(Row::childId).toList();
    audit.recordAll(
        caller,
        "CONCERN_LISTED",
        childIds,
        Collections.nCopies(childIds.size(), (UUID) null),
        endpoint);
    return views(caller, rows);
  }

  /** Social services' protection assessment, with a coded outcome; stops the escalation. */
  public ConcernView assess(Caller caller, UUID id, AssessmentRequest request, String endpoint) {
    Row row = readableForUpdate(caller, id);
    if (!mayAssess(caller, row)) {
      throw ProblemException.forbidden(
          "the social services of the responsible municipality and coordinators assess");
    }
    if (row.assessedAt() != null) {
      throw conflict("concern-assessed", "The concern is already assessed", row);
    }
    if (row.status() == Status.CLOSED) {
      throw conflict("concern-closed", "The concern is closed", row);
    }
    db.update(
        "UPDATE concern SET assessed_by = ?, assessed_at = ?, assessment_outcome = ?,"
            + " assessment_note = ?, status = CASE WHEN status = 'OPEN' THEN 'ASSESSED'"
            + " ELSE status END WHERE id = ?",
        caller.userId(),
        clock.instant(),
        request.outcome().name(),
        request.note() == null ? "" : request.note().strip(),
        id);
    outbox.settle(id);
    audit.record(caller, "CONCERN_ASSESSED", row.childId(), null, endpoint);
    return view(caller, row(id).orElseThrow());
  }

  /**
   * The child is gone: the concern becomes a disappearance report in one call. The concern's signs
   * and note go into the case's circumstances, the case names the concern, a sign of exploitation
   * makes it at least ELEVATED, and the concern becomes ESCALATED.
   */
  public CaseView reportMissing(
      Caller caller, UUID id, DisappearanceReport report, String endpoint) {
    Row row = readableForUpdate(caller, id);
    if (row.status() == Status.ESCALATED || row.status() == Status.CLOSED) {
      throw conflict("concern-not-open", "The concern is no longer open", row);
    }
    String concern =
        "Oro anmäld "
            + Sweden.dayOf(row.observedAt())
            + ": "
            + row.signs().stream().map(s -> s.sv).collect(Collectors.joining(", "))
            + (row.note().isBlank() ? "" : ". " + row.note());
    String circumstances =
        report.circumstances() == null || report.circumstances().isBlank()
            ? concern
            : report.circumstances().strip() + "\n" + concern;
    if (circumstances.length() > 4000) {
      circumstances = circumstances.substring(0, 4000);
    }
    CaseView opened =
        cases.report(
            caller,
            row.childId(),
            report.withCircumstances(circumstances),
            endpoint,
            new CaseApi.ReportOrigin(
                id, row.exploitation() ? CaseApi.RiskLevel.ELEVATED : CaseApi.RiskLevel.STANDARD));
    db.update(
        "UPDATE concern SET status = 'ESCALATED', case_id = ?, escalated_at = ? WHERE id = ?",
        opened.id(),
        clock.instant(),
        id);
    // The police are searching now; nobody chases the assessment's SMS any more.
    outbox.settle(id);
    audit.record(caller, "CONCERN_ESCALATED", row.childId(), opened.id(), endpoint);
    return opened;
  }

  public ConcernView close(Caller caller, UUID id, CloseOutcome outcome, String endpoint) {
    Row row = readableForUpdate(caller, id);
    if (!mayAssess(caller, row)) {
      throw ProblemException.forbidden(
          "the social services of the responsible municipality and coordinators close concerns");
    }
    if (row.status() == Status.CLOSED) {
      throw conflict("concern-closed", "The concern is closed", row);
    }
    db.update(
        "UPDATE concern SET status = 'CLOSED', closed_by = ?, closed_at = ?, close_outcome = ?"
            + " WHERE id = ?",
        caller.userId(),
        clock.instant(),
        outcome.name(),
        id);
    outbox.settle(id);
    audit.record(caller, "CONCERN_CLOSED", row.childId(), null, endpoint);
    return view(caller, row(id).orElseThrow());
  }

  /**
   * One concern as the statistics count it: its coded signs, and whether it was assessed in time.
   */
  public record CountedConcern(List<Sign> signs, boolean assessedInTime) {}

  /**
   * The concerns observed from {@code start} (inclusive) to {@code end} (exclusive), as the
   * Children's Ombudsman's statistics count them: the coded signs, and whether social services'
   * protection assessment was recorded by its deadline ({@code assessment_due_by}); a concern not
   * assessed at all, or turned into a report first, was not. Nothing that names or points to a
   * child. National, like the statistics: no caller's scope applies.
   */
  public List<CountedConcern> observedBetween(Instant start, Instant end) {
    return db.list(
        "SELECT k.signs, coalesce(k.assessed_at <= k.assessment_due_by, false) AS in_time"
            + " FROM concern k WHERE k.observed_at >= ? AND k.observed_at < ?",
        rs ->
            new CountedConcern(
                Db.strings(rs, "signs").stream().map(Sign::valueOf).toList(),
                rs.getBoolean("in_time")),
        start,
        end);
  }

  // ---- inside ----

  private record Filter(String sql, Object... params) {}

  /**
   * Who may see a concern, as SQL over {@code concern k}: whoever may see the child (the children
   * feature's rule), and a user bound to a recipient that was sent it.
   */
  private Filter filter(Caller caller) {
    Children.VisibleChildren visible = children.visibleTo(caller);
    List<Object> params = new ArrayList<>(Arrays.asList(visible.params()));
    params.add(caller.recipientId());
    return new Filter(
        "(k.child_id IN (SELECT v.id FROM "
            + visible.sql()
            + " v) OR EXISTS (SELECT 1 FROM concern_notice n WHERE n.concern_id = k.id"
            + " AND n.recipient_id = ?))",
        params.toArray());
  }

  private Row readable(Caller caller, UUID id) {
    return readable(caller, id, "");
  }

  private Row readableForUpdate(Caller caller, UUID id) {
    return readable(caller, id, " FOR UPDATE OF k");
  }

  private Row readable(Caller caller, UUID id, String lock) {
    Filter filter = filter(caller);
    List<Object> params = new ArrayList<>();
    params.add(id);
    params.addAll(Arrays.asList(filter.params()));
    return db.one(SELECT + "k.id = ? AND " + filter.sql() + lock, Concerns::row, params.toArray())
        .orElseThrow(() -> ProblemException.notFound("concern"));
  }

  private Optional<Row> row(UUID id) {
    return db.one(SELECT + "k.id = ?", Concerns::row, id);
  }

  private boolean mayAssess(Caller caller, Row row) {
    return caller.is(Role.COORDINATOR)
        || (caller.is(Role.SOCIAL_SERVICES)
            && row.responsibleMunicipality().equals(caller.municipalityCode()));
  }

  private boolean mayReportMissing(Caller caller, Row row) {
    boolean open = row.status() == Status.OPEN || row.status() == Status.ASSESSED;
    return open
        && (caller.is(Role.COORDINATOR)
            || (caller.is(Role.HVB_STAFF) && row.homeId().equals(caller.homeId())));
  }

  private ConcernView view(Caller caller, Row row) {
    return views(caller, List.of(row)).get(0);
  }

  private List<ConcernView> views(Caller caller, List<Row> rows) {
    List<UUID> ids = rows.stream().map(Row::id).toList();
    Set<UUID> childIds = rows.stream().map(Row::childId).collect(Collectors.toSet());
    Map<UUID, ChildFacts> facts = children.facts(childIds);
    Map<UUID, List<Notified>> told = notices.of(ids);
    Instant now = clock.instant();
    List<ConcernView> views = new ArrayList<>();
    for (Row row : rows) {
      ChildFacts child = facts.get(row.childId());
      views.add(
          new ConcernView(
              row.id(),
              row.childId(),
              child == null ? "" : child.givenName(),
              row.homeId(),
              row.status(),
              row.observedAt(),
              row.signs(),
              row.exploitation(),
              row.note(),
              row.recordedAt(),
              row.assessmentDueBy(),
              row.assessedAt() == null
                  && row.status() == Status.OPEN
                  && now.isAfter(row.assessmentDueBy()),
              row.assessedAt() == null
                  ? null
                  : new Assessment(row.assessmentOutcome(), row.assessmentNote(), row.assessedAt()),
              row.caseId(),
              row.closedAt(),
              row.closeOutcome(),
              told.getOrDefault(row.id(), List.of()),
              mayAssess(caller, row) && row.assessedAt() == null && row.status() != Status.CLOSED,
              mayReportMissing(caller, row)));
    }
    return views;
  }

  private static ProblemException conflict(String slug, String title, Row row) {
    return ProblemException.conflict(
        slug, title, "the concern is " + row.status(), Map.of("status", row.status().name()));
  }

  record Row(
      UUID id,
      UUID childId,
      UUID homeId,
      String responsibleMunicipality,
      Instant observedAt,
      List<Sign> signs,
      boolean exploitation,
      String note,
      Status status,
      Instant recordedAt,
      Instant assessmentDueBy,
      Instant assessedAt,
      AssessmentOutcome assessmentOutcome,
      String assessmentNote,
      UUID caseId,
      Instant closedAt,
      CloseOutcome closeOutcome) {}

  static Row row(ResultSet rs) throws SQLException {
    String outcome = rs.getString("assessment_outcome");
    String closed = rs.getString("close_outcome");
    return new Row(
        Db.uuid(rs, "id"),
        Db.uuid(rs, "child_id"),
        Db.uuid(rs, "home_id"),
        rs.getString("responsible_municipality_code").trim(),
        Db.instant(rs, "observed_at"),
        Db.strings(rs, "signs").stream().map(Sign::valueOf).toList(),
        rs.getBoolean("exploitation"),
        rs.getString("note"),
        Status.valueOf(rs.getString("status")),
        Db.instant(rs, "recorded_at"),
        Db.instant(rs, "assessment_due_by"),
        Db.instant(rs, "assessed_at"),
        outcome == null ? null : AssessmentOutcome.valueOf(outcome),
        rs.getString("assessment_note"),
        Db.uuid(rs, "case_id"),
        Db.instant(rs, "closed_at"),
        closed == null ? null : CloseOutcome.valueOf(closed));
  }
}
