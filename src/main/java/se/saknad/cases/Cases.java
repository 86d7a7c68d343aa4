package se.saknad.cases;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.cases.CaseApi.ChildSummary;
import se.saknad.cases.CaseApi.DisappearanceReport;
import se.saknad.cases.CaseApi.ReturnReport;
import se.saknad.cases.CaseApi.ReturnView;
import se.saknad.cases.CaseApi.SearchArea;
import se.saknad.cases.CaseApi.SightingReport;
import se.saknad.cases.CaseApi.SightingView;
import se.saknad.cases.CaseApi.Status;
import se.saknad.cases.CaseApi.StatusChange;
import se.saknad.cases.CaseRecords.CaseRow;
import se.saknad.children.ChildPhotos;
import se.saknad.children.Children;
import se.saknad.children.Children.ChildFacts;
import se.saknad.children.RepeatPattern;
import se.saknad.common.Db;
import se.saknad.common.PageTokens;
import se.saknad.common.Pages;
import se.saknad.common.ProblemException;
import se.saknad.geo.GeoPoint;
import se.saknad.geo.Place;
import se.saknad.geo.ReferenceGeography;
import se.saknad.homes.HomeApi;
import se.saknad.homes.Homes;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * Disappearance cases: the report (in under a minute, from a pre-filled profile), sightings, the
 * return, and the coordinator's status changes. Alerting listens to the events published here.
 */
@Singleton
@Transactional
public class Cases {
  private static final List<Status> OPEN = List.of(Status.MISSING, Status.LOCATED);
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final Db db;
  private final CaseRecords records;
  private final CaseAccess access;
  private final Children children;
  private final ReferenceGeography geography;
  private final SearchAreaPolicy searchArea;
  private final AuditTrail audit;
  private final ApplicationEventPublisher<Object> events;
  private final BeanProvider<CaseAlerts> alerts;
  private final BeanProvider<CaseAcknowledgements> acknowledgements;
  private final ChildPhotos photos;
  private final Homes homes;
  private final Duration clockSkew;
  private final Duration debriefWithin;
  private final PageTokens tokens;
  private final RepeatPattern repeat;
  private final PoliceReferences policeReferences;

  Cases(
      Db db,
      CaseRecords records,
      CaseAccess access,
      Children children,
      ReferenceGeography geography,
      SearchAreaPolicy searchArea,
      AuditTrail audit,
      ApplicationEventPublisher<Object> events,
      BeanProvider<CaseAlerts> alerts,
      BeanProvider<CaseAcknowledgements> acknowledgements,
      ChildPhotos photos,
      Homes homes,
      PageTokens tokens,
      @Value("${saknad.clock-skew:5m}") Duration clockSkew,
      @Value("${saknad.debrief-within:72h}") Duration debriefWithin,
      RepeatPattern repeat,
      PoliceReferences policeReferences) {
    this.repeat = repeat;
    this.policeReferences = policeReferences;
    this.db = db;
    this.records = records;
    this.access = access;
    this.children = children;
    this.geography = geography;
    this.searchArea = searchArea;
    this.audit = audit;
    this.events = events;
    this.alerts = alerts;
    this.acknowledgements = acknowledgements;
    this.photos = photos;
    this.homes = homes;
    this.clockSkew = clockSkew;
    this.debriefWithin = debriefWithin;
    this.tokens = tokens;
  }

  /** Opens a case, or answers 409 with the open case when the child is already missing. */
  public CaseView report(Caller caller, UUID childId, DisappearanceReport report, String endpoint) {
    return report(caller, childId, report, endpoint, null);
  }

  /**
   * Opens a case that came from {@code origin} (a concern): the case names it, and its grade is at
   * least the one the origin allows. Checks as {@link #report(Caller, UUID, DisappearanceReport,
   * String)}.
   */
  public CaseView report(
      Caller caller,
      UUID childId,
      DisappearanceReport report,
      String endpoint,
      CaseApi.ReportOrigin origin) {
    ChildFacts child =
        children
            .facts(childId)
            .filter(c -> children.mayRead(caller, c.id()))
            .orElseThrow(() -> ProblemException.notFound("child"));
    if (caller.is(Role.HVB_STAFF) && !child.homeId().equals(caller.homeId())) {
      throw ProblemException.notFound("child");
    }
    Instant lastSeen = notInFuture(report.lastSeenAt(), "lastSeenAt");
    if (lastSeen.isBefore(child.earliestPossibleBirth())) {
      throw ProblemException.invalid("lastSeenAt", "lies before the child's birth");
    }
    Place place = geography.requireInSweden(report.lastSeenLocation(), "lastSeenLocation");
    Grade grade = grade(report, origin);
    rejectIfOpen(childId);
    // The pattern when the case opens: the child's earlier cases in the window, and this one.
    RepeatPattern.Pattern pattern =
        repeat.of(repeat.at(childId, lastSeen).episodesLast90Days() + 1);
    UUID id = UUID.randomUUID();
    for (int attempt = 0; attempt < 8; attempt++) {
      String code = freeCode();
      int inserted =
          db.update(
              """
              INSERT INTO disappearance_case (id, child_id, code, status, last_seen_at,
                last_seen_location, last_seen_place, clothing, circumstances, risk_level,
                municipality_code, police_region_code, search_center, reported_by, reported_at,
                child_age, home_municipality_code, concern_id, episodes_in_window, repeat_missing,
                risk_answers, risk_answers_level, risk_override_reason)
              VALUES (?, ?, ?, 'MISSING', ?, ST_GeogFromText(?), ?, ?, ?, ?, ?, ?,
                ST_GeogFromText(?), ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
              ON CONFLICT DO NOTHING
              """,
              id,
              childId,
              code,
              lastSeen,
              report.lastSeenLocation(),
              text(report.lastSeenPlace()),
              text(report.clothing()),
              text(report.circumstances()),
              grade.level(),
              place.municipality().code(),
              place.policeRegion().code(),
              report.lastSeenLocation(),
              caller.userId(),
              records.now(),
              child.ageAt(lastSeen),
              homes.find(child.homeId()).map(HomeApi.HomeView::municipalityCode).orElse(null),
              origin == null ? null : origin.concernId(),
              pattern.episodesLast90Days(),
              pattern.repeat(),
              grade.answers().isEmpty() ? null : RiskQuestions.json(grade.answers()),
              grade.answers().isEmpty() ? null : grade.answersLevel(),
              grade.overrideReason());
      if (inserted == 1) {
        audit.record(caller, "CASE_OPENED", childId, id, endpoint);
        if (grade.overrideReason() != null) {
          // Grading below what the answers say is the reporter's judgement: kept and audited.
          audit.record(caller, "CASE_RISK_GRADED_BELOW_ANSWERS", childId, id, endpoint);
        }
        events.publishEvent(new CaseEvents.CaseOpened(id));
        return view(caller, records.find(id).orElseThrow(), true, true);
      }
      // A simultaneous report for the same child won the race, or the code was just taken.
      rejectIfOpen(childId);
    }
    throw new IllegalStateException("no free case code after 8 attempts");
  }

  /** The grade of a report, what its answers gave and why it is lower when it is. */
  private record Grade(
      CaseApi.RiskLevel level,
      java.util.Map<RiskQuestions.Question, Boolean> answers,
      CaseApi.RiskLevel answersLevel,
      String overrideReason) {}

  /**
   * With no grade given the answers set it; a grade below what they give needs a reason (422); a
   * report from a concern is at least what the concern allows. No grade and no answers is a 400,
   * except from a concern.
   */
  private static Grade grade(DisappearanceReport report, CaseApi.ReportOrigin origin) {
    java.util.Map<RiskQuestions.Question, Boolean> answers =
        RiskQuestions.read(report.riskAnswers());
    RiskQuestions.RiskAssessment assessed =
        RiskQuestions.assess(
            answers.entrySet().stream()
                .filter(java.util.Map.Entry::getValue)
                .map(java.util.Map.Entry::getKey)
                .toList(),
            null);
    String reason =
        report.riskOverrideReason() == null || report.riskOverrideReason().isBlank()
            ? null
            : report.riskOverrideReason().strip();
    CaseApi.RiskLevel level = report.riskLevel();
    if (level == null) {
      if (answers.isEmpty() && origin == null) {
        throw ProblemException.badRequest(
            "riskLevel", "give a risk grade or answer the risk questions");
      }
      level = assessed.level();
      reason = null;
    } else if (RiskQuestions.below(level, assessed.level())) {
      if (reason == null) {
        throw ProblemException.invalid(
            "riskOverrideReason", "is needed for a grade below what the risk answers give");
      }
    } else {
      reason = null;
    }
    if (origin != null && RiskQuestions.below(level, origin.atLeast())) {
      level = origin.atLeast();
    }
    return new Grade(level, answers, assessed.level(), reason);
  }

  /** The questions a report may answer, each with the grade it raises to. */
  public List<RiskQuestions.QuestionView> riskQuestions() {
    return RiskQuestions.questions();
  }

  public CaseView read(Caller caller, UUID id, String endpoint) {
    CaseRow row = readable(caller, id);
    audit.record(caller, "CASE_READ", row.childId(), id, endpoint);
    return view(caller, row, true);
  }

  /**
   * What the printed search sheet shows: the case as the caller reads it (the family name only for
   * who may read the profile, no dossier number for police) and the newest photo, audited as a read
   * of its own. Read in one transaction; the sheet is rendered after it.
   */
  public PrintedSheetFacts searchSheet(Caller caller, UUID id, String endpoint) {
    CaseRow row = readable(caller, id);
    CaseView view = view(caller, row, false);
    byte[] photo = photos.newest(row.childId()).map(ChildPhotos.Photo::jpeg).orElse(null);
    audit.record(caller, "SEARCH_SHEET_READ", row.childId(), id, endpoint);
    return new PrintedSheetFacts(view, photo);
  }

  /** The case view and the newest photo (null when none) for the printed search sheet. */
  public record PrintedSheetFacts(CaseView view, byte[] photo) {}

  /** A case the caller may read, for the features that act on it (404 otherwise); no audit. */
  public CaseFacts readableFacts(Caller caller, UUID id) {
    readable(caller, id);
    return facts(id).orElseThrow();
  }

  /** The newest photo of the case's child, for anyone who may read the case. */
  public ChildPhotos.Photo photo(Caller caller, UUID id, String endpoint) {
    CaseRow row = readable(caller, id);
    ChildPhotos.Photo photo =
        photos.newest(row.childId()).orElseThrow(() -> ProblemException.notFound("photo"));
    audit.record(caller, "PHOTO_READ", row.childId(), id, endpoint);
    return photo;
  }

  /**
   * The cases the caller may see, newest first, a page at a time: {@code after} is the token of the
   * previous page's {@code next}, {@code null} for the first page.
   */
  public Pages.Page<CaseView> list(
      Caller caller, Status status, Integer limit, String after, String endpoint) {
    int size = Pages.size(limit);
    ListPosition from = after == null ? null : ListPosition.of(tokens, after);
    CaseAccess.Filter filter = access.filter(caller);
    List<Object> params = new ArrayList<>(List.of(filter.params()));
    String where = filter.sql();
    if (status != null) {
      where += " AND d.status = ?";
      params.add(status);
    }
    Pages.Page<CaseRow> page =
        Pages.cut(
            records.list(where, params, from, size + 1),
            size,
            last -> new ListPosition(last.reportedAt(), last.id()).token(tokens));
    List<CaseRow> rows = page.items();
    audit.recordAll(
        caller,
        "CASE_LISTED",
        rows.stream().map(CaseRow::childId).toList(),
        rows.stream().map(CaseRow::id).toList(),
        endpoint);
    // Every part of the views read for all rows at once: the statements do not grow with the list.
    ViewParts parts = parts(caller, rows, false);
    List<CaseView> views = new ArrayList<>();
    for (CaseRow row : rows) {
      views.add(view(caller, row, false, parts));
    }
    return page.with(views);
  }

  public SightingView addSighting(
      Caller caller, UUID caseId, SightingReport report, String endpoint) {
    CaseRow row = readableForUpdate(caller, caseId);
    requireOpen(row);
    Instant seenAt = notInFuture(report.seenAt(), "seenAt");
    if (seenAt.isBefore(row.lastSeenAt())) {
      throw ProblemException.invalid("seenAt", "lies before the child was last seen");
    }
    Place place = geography.requireInSweden(report.location(), "location");
    UUID id = UUID.randomUUID();
    db.update(
        "INSERT INTO sighting (id, case_id, seen_at, location, municipality_code,"
            + " police_region_code, note, reported_by, created_at)"
            + " VALUES (?, ?, ?, ST_GeogFromText(?), ?, ?, ?, ?, ?)",
        id,
        caseId,
        seenAt,
        report.location(),
        place.municipality().code(),
        place.policeRegion().code(),
        text(report.note()),
        caller.userId(),
        records.now());
    // The latest observation becomes the centre of the search.
    db.update(
        "UPDATE disappearance_case SET search_center = ST_GeogFromText(?) WHERE id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM sighting WHERE case_id = ? AND seen_at > ?)",
        report.location(),
        caseId,
        caseId,
        seenAt);
    audit.record(caller, "SIGHTING_ADDED", row.childId(), caseId, endpoint);
    events.publishEvent(new CaseEvents.SightingAdded(caseId, id));
    return new SightingView(
        id, seenAt, report.location(), place.municipality().code(), text(report.note()));
  }

  public CaseView recordReturn(Caller caller, UUID caseId, ReturnReport report, String endpoint) {
    CaseRow row = readableForUpdate(caller, caseId);
    requireOpen(row);
    Instant returnedAt = notInFuture(report.returnedAt(), "returnedAt");
    if (returnedAt.isBefore(row.lastSeenAt())) {
      throw ProblemException.invalid("returnedAt", "lies before the child was last seen");
    }
    if (report.location() != null) {
      geography.requireInSweden(report.location(), "location");
    }
    db.update(
        "INSERT INTO case_return (case_id, returned_at, location, found_by, condition, note,"
            + " recorded_by, recorded_at) VALUES (?, ?, ST_GeogFromText(?), ?, ?, ?, ?, ?)",
        caseId,
        returnedAt,
        report.location(),
        report.foundBy().strip(),
        report.condition().strip(),
        text(report.note()),
        caller.userId(),
        records.now());
    db.update(
        "UPDATE disappearance_case SET status = 'RETURNED', returned_at = ?, debrief_due_by = ?"
            + " WHERE id = ?",
        returnedAt,
        returnedAt.plus(debriefWithin),
        caseId);
    audit.record(caller, "CHILD_RETURNED", row.childId(), caseId, endpoint);
    events.publishEvent(new CaseEvents.ChildReturned(caseId));
    return view(caller, records.find(caseId).orElseThrow(), false);
  }

  /** The case as the caller reads it after a change made in this transaction; no audit row. */
  CaseView viewAfterChange(Caller caller, UUID caseId) {
    return view(caller, records.find(caseId).orElseThrow(), false);
  }

  /** A coordinator marks a case LOCATED (found, not back) or CLOSED. */
  public CaseView changeStatus(Caller caller, UUID caseId, StatusChange change, String endpoint) {
    CaseRow row = readableForUpdate(caller, caseId);
    switch (change.status()) {
      case LOCATED -> {
        if (row.status() != Status.MISSING) {
          throw conflict(row, "only a missing child can be marked located");
        }
        db.update("UPDATE disappearance_case SET status = 'LOCATED' WHERE id = ?", caseId);
      }
      case CLOSED -> {
        if (row.status() == Status.CLOSED) {
          throw conflict(row, "the case is already closed");
        }
        db.update(
            "UPDATE disappearance_case SET status = 'CLOSED', closed_at = ? WHERE id = ?",
            records.now(),
            caseId);
      }
      default ->
          throw ProblemException.invalid(
              "status", "use LOCATED or CLOSED here; a return is recorded with /return");
    }
    audit.record(caller, "CASE_" + change.status(), row.childId(), caseId, endpoint);
    return view(caller, records.find(caseId).orElseThrow(), false);
  }

  /** What alerting needs to know about a case; no access check, no audit row. */
  public record CaseFacts(
      UUID id,
      String code,
      Status status,
      UUID childId,
      String givenName,
      Integer age,
      String gender,
      Instant lastSeenAt,
      String lastSeenPlace,
      String clothing,
      CaseApi.RiskLevel riskLevel,
      String municipalityCode,
      String responsibleMunicipalityCode,
      String guardianPhone,
      SearchArea searchArea,
      Instant latestSightingAt,
      String latestSightingMunicipality,
      boolean repeatMissing,
      Integer episodesInWindow) {}

  public Optional<CaseFacts> facts(UUID caseId) {
    return records
        .find(caseId)
        .map(
            row -> {
              ChildFacts child = children.facts(row.childId()).orElseThrow();
              record Sighting(Instant at, String municipality) {}
              Optional<Sighting> sighting =
                  db.one(
                      "SELECT s.seen_at, m.name FROM sighting s JOIN municipality m"
                          + " ON m.code = s.municipality_code WHERE s.case_id = ?"
                          + " ORDER BY s.seen_at DESC LIMIT 1",
                      rs -> new Sighting(Db.instant(rs, "seen_at"), rs.getString("name")),
                      caseId);
              return new CaseFacts(
                  row.id(),
                  row.code(),
                  row.status(),
                  row.childId(),
                  child.givenName(),
                  child.ageAt(row.lastSeenAt()),
                  child.gender(),
                  row.lastSeenAt(),
                  row.lastSeenPlace(),
                  row.clothing(),
                  row.riskLevel(),
                  row.municipalityCode(),
                  row.responsibleMunicipality(),
                  child.guardian() == null ? null : child.guardian().phone(),
                  area(row),
                  sighting.map(Sighting::at).orElse(null),
                  sighting.map(Sighting::municipality).orElse(null),
                  row.repeatMissing(),
                  row.episodesInWindow());
            });
  }

  /** Notes that the social services were reminded of the case's overdue debrief. */
  public void markDebriefReminded(UUID caseId) {
    db.update(
        "UPDATE disappearance_case SET debrief_reminded_at = ? WHERE id = ?",
        records.now(),
        caseId);
  }

  /** Open cases still missing, for the job that widens their search areas. */
  public List<UUID> missingCaseIds() {
    return db.list(
        "SELECT id FROM disappearance_case WHERE status = 'MISSING' ORDER BY reported_at",
        rs -> Db.uuid(rs, "id"));
  }

  /** Locks a case row for the caller's transaction; false when another instance holds it. */
  public boolean tryLock(UUID caseId) {
    return db.exists(
        "SELECT 1 FROM disappearance_case WHERE id = ? FOR UPDATE SKIP LOCKED", caseId);
  }

  /** The current search area of an open case, for alerting. */
  public SearchArea searchArea(UUID caseId) {
    CaseRow row = records.find(caseId).orElseThrow(() -> ProblemException.notFound("case"));
    return area(row);
  }

  private SearchArea area(CaseRow row) {
    Instant until = row.returnedAt() != null ? row.returnedAt() : records.now();
    return new SearchArea(
        row.searchCenter(), searchArea.radiusMeters(row.riskLevel(), row.lastSeenAt(), until));
  }

  private CaseView view(Caller caller, CaseRow row, boolean withFirstAlert) {
    return view(caller, row, withFirstAlert, false);
  }

  /** {@code justOpened}: the case was inserted in this transaction, so it has no sightings yet. */
  private CaseView view(Caller caller, CaseRow row, boolean withFirstAlert, boolean justOpened) {
    return view(caller, row, withFirstAlert, parts(caller, List.of(row), justOpened));
  }

  /** What the views of some cases need besides their rows, each part read for all of them. */
  private record ViewParts(
      Map<UUID, ChildFacts> children,
      Set<UUID> readableChildren,
      Map<UUID, Children.SearchFacts> searchFacts,
      Map<UUID, List<SightingView>> sightings,
      Map<UUID, ReturnView> returns,
      Map<UUID, HomeApi.HomeView> homes,
      Map<UUID, ChildPhotos.PhotoView> photos,
      Map<UUID, List<AlertApi.AlertView>> alerts,
      Map<UUID, List<CaseApi.Acknowledgement>> acknowledgements,
      Set<UUID> acknowledgeable,
      Map<UUID, CaseApi.PoliceReference> policeReferences) {}

  /** {@code justOpened}: the cases were inserted in this transaction: no sightings, no return. */
  private ViewParts parts(Caller caller, List<CaseRow> rows, boolean justOpened) {
    List<UUID> caseIds = rows.stream().map(CaseRow::id).toList();
    Set<UUID> childIds = rows.stream().map(CaseRow::childId).collect(Collectors.toSet());
    Map<UUID, ChildFacts> facts = children.facts(childIds);
    Map<UUID, List<SightingView>> sightings = new HashMap<>();
    Map<UUID, ReturnView> returns = new HashMap<>();
    if (!justOpened && !caseIds.isEmpty()) {
      db.list(
              "SELECT case_id, id, seen_at, ST_Y(location::geometry) AS p_lat,"
                  + " ST_X(location::geometry) AS p_lon, municipality_code, note FROM sighting"
                  + " WHERE case_id = ANY (?::uuid[]) ORDER BY seen_at",
              rs ->
                  Map.entry(
                      Db.uuid(rs, "case_id"),
                      new SightingView(
                          Db.uuid(rs, "id"),
                          Db.instant(rs, "seen_at"),
                          GeoPoint.read(rs, "p"),
                          rs.getString("municipality_code"),
                          rs.getString("note"))),
              caseIds)
          .forEach(
              e -> sightings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
      db.list(
              "SELECT case_id, returned_at, ST_Y(location::geometry) AS p_lat,"
                  + " ST_X(location::geometry) AS p_lon, found_by, condition, note"
                  + " FROM case_return WHERE case_id = ANY (?::uuid[])",
              rs ->
                  Map.entry(
                      Db.uuid(rs, "case_id"),
                      new ReturnView(
                          Db.instant(rs, "returned_at"),
                          GeoPoint.read(rs, "p"),
                          rs.getString("found_by"),
                          rs.getString("condition"),
                          rs.getString("note"))),
              caseIds)
          .forEach(e -> returns.put(e.getKey(), e.getValue()));
    }
    List<UUID> open =
        rows.stream().filter(r -> OPEN.contains(r.status())).map(CaseRow::id).toList();
    return new ViewParts(
        facts,
        children.readable(caller, facts.values()),
        children.searchFacts(childIds),
        sightings,
        returns,
        homes.find(rows.stream().map(CaseRow::homeId).collect(Collectors.toSet())),
        photos.info(childIds),
        alerts.isPresent()
            ? alerts.get().alerts(caseIds, caller.is(Role.COORDINATOR, Role.ADMIN))
            : Map.of(),
        acknowledgements.isPresent() ? acknowledgements.get().acknowledgements(caseIds) : Map.of(),
        acknowledgements.isPresent() && !open.isEmpty()
            ? acknowledgements.get().mayAcknowledge(caller, open)
            : Set.of(),
        policeReferences.of(caseIds));
  }

  private CaseView view(Caller caller, CaseRow row, boolean withFirstAlert, ViewParts parts) {
    ChildFacts child = parts.children().get(row.childId());
    boolean showDossier = !caller.is(Role.POLICE) && child.dossierNumber() != null;
    // The family name only to those who may read the profile: searchers need the first name.
    boolean mayReadProfile = parts.readableChildren().contains(child.id());
    ChildSummary summary =
        new ChildSummary(
            child.id(),
            child.givenName(),
            mayReadProfile ? child.familyName() : null,
            child.ageAt(row.lastSeenAt()),
            child.gender(),
            showDossier ? child.dossierNumber() : null);
    Children.SearchFacts searchFacts =
        parts
            .searchFacts()
            .getOrDefault(row.childId(), new Children.SearchFacts("", List.of(), List.of()));
    Optional<HomeApi.HomeView> home = Optional.ofNullable(parts.homes().get(row.homeId()));
    Optional<ChildPhotos.PhotoView> photo = Optional.ofNullable(parts.photos().get(row.childId()));
    return new CaseView(
        row.id(),
        row.code(),
        row.status(),
        summary,
        row.homeId(),
        row.lastSeenAt(),
        row.lastSeenLocation(),
        row.lastSeenPlace(),
        row.clothing(),
        row.circumstances(),
        row.riskLevel(),
        row.municipalityCode(),
        row.policeRegion(),
        area(row),
        row.reportedAt(),
        row.returnedAt(),
        row.debriefDueBy(),
        row.closedAt(),
        parts.sightings().getOrDefault(row.id(), List.of()),
        parts.returns().get(row.id()),
        withFirstAlert && alerts.isPresent() ? alerts.get().firstAlert(row.id()) : null,
        parts.alerts().containsKey(row.id()) ? parts.alerts().get(row.id()) : List.of(),
        sheet(row, home, yellowNoticeMissing(child, searchFacts, photo.isPresent())),
        searchFacts.description(),
        searchFacts.languages(),
        searchFacts.riskIndicators(),
        home.map(HomeApi.HomeView::phone).orElse(null),
        photo.isPresent(),
        photo.map(ChildPhotos.PhotoView::takenOn).orElse(null),
        parts.acknowledgements().getOrDefault(row.id(), List.of()),
        parts.acknowledgeable().contains(row.id()),
        row.concernId(),
        row.repeatMissing(),
        row.episodesInWindow(),
        row.riskAnswersLevel() == null
            ? null
            : new RiskQuestions.RiskAssessment(
                row.riskAnswersLevel(),
                RiskQuestions.assess(
                        row.riskYes().stream().map(RiskQuestions.Question::valueOf).toList(), null)
                    .reasons(),
                row.riskOverrideReason()),
        parts.policeReferences().get(row.id()),
        row.withdrawalReason());
  }

  /** The identifiers of a yellow notice the child's profile lacks, in the notice's order. */
  private static List<CaseApi.YellowNoticeField> yellowNoticeMissing(
      ChildFacts child, Children.SearchFacts search, boolean hasPhoto) {
    List<CaseApi.YellowNoticeField> missing = new ArrayList<>();
    if (child.familyName() == null || child.familyName().isBlank()) {
      missing.add(CaseApi.YellowNoticeField.FAMILY_NAME);
    }
    if (child.givenName() == null || child.givenName().isBlank()) {
      missing.add(CaseApi.YellowNoticeField.GIVEN_NAME);
    }
    if (child.gender() == null || "UNKNOWN".equals(child.gender())) {
      missing.add(CaseApi.YellowNoticeField.SEX);
    }
    if (child.birthYear() == null) {
      missing.add(CaseApi.YellowNoticeField.YEAR_OF_BIRTH);
    }
    if (!hasPhoto && (search.description() == null || search.description().isBlank())) {
      missing.add(CaseApi.YellowNoticeField.PHOTO_OR_DESCRIPTION);
    }
    return missing;
  }

  private CaseApi.SearchSheet sheet(
      CaseRow row, Optional<HomeApi.HomeView> home, List<CaseApi.YellowNoticeField> missing) {
    Instant until =
        row.returnedAt() != null
            ? row.returnedAt()
            : row.closedAt() != null ? row.closedAt() : records.now();
    return new CaseApi.SearchSheet(
        home.map(HomeApi.HomeView::name).orElse(""),
        geography.municipalityName(row.municipalityCode()),
        geography.policeRegionName(row.policeRegion()),
        Math.max(0, Duration.between(row.lastSeenAt(), until).toMinutes()),
        missing);
  }

  private CaseRow readable(Caller caller, UUID id) {
    access.require(caller, id);
    return records.find(id).orElseThrow();
  }

  private CaseRow readableForUpdate(Caller caller, UUID id) {
    readable(caller, id);
    return records.findForUpdate(id).orElseThrow();
  }

  private void rejectIfOpen(UUID childId) {
    records
        .openCaseOf(childId)
        .ifPresent(
            open -> {
              throw ProblemException.conflict(
                  "case-already-open",
                  "The child is already reported missing",
                  "Add a sighting or update the open case instead of reporting again",
                  Map.of("openCaseId", open.toString()));
            });
  }

  private void requireOpen(CaseRow row) {
    if (!OPEN.contains(row.status())) {
      throw conflict(row, "the case is " + row.status());
    }
  }

  private static ProblemException conflict(CaseRow row, String detail) {
    return ProblemException.conflict(
        "case-not-open", "The case is not open", detail, Map.of("status", row.status().name()));
  }

  private Instant notInFuture(OffsetDateTime time, String field) {
    Instant instant = time.toInstant();
    if (instant.isAfter(records.now().plus(clockSkew))) {
      throw ProblemException.invalid(field, "lies in the future");
    }
    return instant;
  }

  /**
   * Four digits while they last among open cases, then five. Twenty random candidates are tried in
   * one query first; only when all are taken is the whole range searched.
   */
  private String freeCode() {
    List<String> candidates = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      candidates.add(String.valueOf(1000 + RANDOM.nextInt(9000)));
    }
    return db.one(
            "SELECT c FROM unnest(?::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM"
                + " disappearance_case WHERE code = c AND status IN ('MISSING', 'LOCATED')) LIMIT 1",
            rs -> rs.getString(1),
            candidates)
        .or(() -> firstFree(1000, 9999))
        .or(() -> firstFree(10000, 99999))
        .orElseThrow(() -> new IllegalStateException("no free case code"));
  }

  private Optional<String> firstFree(int from, int to) {
    return db.one(
        """
        SELECT n::text FROM generate_series(?, ?) AS n
        WHERE n::text NOT IN (SELECT code FROM disappearance_case WHERE status IN ('MISSING', 'LOCATED'))
        ORDER BY random() LIMIT 1
        """,
        rs -> rs.getString(1),
        from,
        to);
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }
}
