package se.saknad.referrals;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseAccess;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.referrals.ReferralApi.Channel;
import se.saknad.referrals.ReferralApi.ChildFacts;
import se.saknad.referrals.ReferralApi.NoticeView;
import se.saknad.referrals.ReferralApi.Outcome;
import se.saknad.referrals.ReferralApi.Reason;
import se.saknad.referrals.ReferralApi.ReferralSummary;
import se.saknad.referrals.ReferralApi.ReferralView;
import se.saknad.referrals.ReferralApi.Status;
import se.saknad.security.Caller;
import se.saknad.security.Role;

/**
 * Referrals of children who may be victims of trafficking or exploitation to the regional
 * coordinator against trafficking: opened by a debrief, by a risk indicator at the report, or by
 * hand; acknowledged by SMS reply, on the web or by voice; closed with a coded outcome. Every step
 * is audited. One referral per case is in progress at a time; a later trigger adds its reasons.
 */
@Singleton
@Transactional
public class Referrals {
  static final String SELECT =
      """
      SELECT r.*, d.code, d.status AS case_status, d.last_seen_at, d.returned_at, d.child_id,
             d.municipality_code, c.given_name, c.gender, c.nationality, c.date_of_birth,
             c.estimated_birth_year, c.responsible_municipality_code, rm.name AS responsible_name
      FROM referral r
      JOIN disappearance_case d ON d.id = r.case_id
      JOIN child c ON c.id = d.child_id
      LEFT JOIN municipality rm ON rm.code = c.responsible_municipality_code
      """;

  private final Db db;
  private final CaseAccess caseAccess;
  private final ReferralAccess access;
  private final ReferralNotices notices;
  private final AuditTrail audit;
  private final Clock clock;

  Referrals(
      Db db,
      CaseAccess caseAccess,
      ReferralAccess access,
      ReferralNotices notices,
      AuditTrail audit,
      Clock clock) {
    this.db = db;
    this.caseAccess = caseAccess;
    this.access = access;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  /** By hand: SOCIAL_SERVICES on a case they may read, or a COORDINATOR; 409 when one is open. */
  public ReferralView openByHand(Caller caller, UUID caseId, Reason reason, String endpoint) {
    if (!caller.is(Role.COORDINATOR, Role.SOCIAL_SERVICES)) {
      throw ProblemException.forbidden("referrals are opened by social services and coordinators");
    }
    if (!reason.byHand()) {
      throw ProblemException.invalid(
          "reason", "give SUSPECTED_TRAFFICKING or SUSPECTED_EXPLOITATION");
    }
    // 404 when the case is out of the caller's scope, as for every case read.
    caseAccess.require(caller, caseId);
    Optional<UUID> active = activeOn(caseId);
    if (active.isPresent()) {
      throw ProblemException.conflict(
          "referral-exists",
          "A referral is already in progress",
          "The case has a referral that is not closed",
          Map.of("referralId", active.get().toString()));
    }
    UUID id = insert(caseId, List.of(reason), List.of(), caller, endpoint).orElseThrow();
    return view(caller, id, endpoint);
  }

  /**
   * Opens a referral for the reasons found by a trigger, or adds them to the one in progress.
   * Nothing happens when a closed referral of the case already weighed the same reasons.
   */
  void openAutomatically(UUID caseId, List<Reason> reasons, List<String> indicators) {
    if (reasons.isEmpty()) {
      return;
    }
    Optional<UUID> active = activeOn(caseId);
    if (active.isPresent()) {
      addReasons(active.get(), reasons, indicators);
      return;
    }
    boolean weighed =
        db.exists(
            "SELECT 1 FROM referral WHERE case_id = ? AND status = 'CLOSED'"
                + " AND reasons @> ?::text[] AND indicators @> ?::text[]",
            caseId,
            names(reasons),
            indicators);
    if (!weighed) {
      insert(caseId, reasons, indicators, null, "EVENT");
    }
  }

  public List<ReferralSummary> list(Caller caller, Status status, String endpoint) {
    ReferralAccess.Filter filter = access.read(caller);
    List<Object> params = new ArrayList<>(Arrays.asList(filter.params()));
    String where = " WHERE " + filter.sql();
    if (status != null) {
      where += " AND r.status = ?";
      params.add(status);
    }
    List<ReferralSummary> all = new ArrayList<>();
    for (Row row :
        db.list(SELECT + where + " ORDER BY r.opened_at DESC", Referrals::row, params.toArray())) {
      audit.record(caller, "REFERRAL_LISTED", row.childId(), row.summary().caseId(), endpoint);
      all.add(row.summary());
    }
    return all;
  }

  public ReferralView read(Caller caller, UUID id, String endpoint) {
    ReferralView view = view(caller, id, endpoint);
    audit.record(caller, "REFERRAL_READ", childOf(id), view.referral().caseId(), endpoint);
    return view;
  }

  /** On the web: OPEN becomes ACKNOWLEDGED; again is harmless; a closed one is a 409. */
  public ReferralView acknowledge(Caller caller, UUID id, Channel channel, String endpoint) {
    Row row = actable(caller, id);
    if (row.summary().status() == Status.CLOSED) {
      throw closed(row);
    }
    if (row.summary().status() == Status.OPEN) {
      markAcknowledged(id, caller.userId(), channel, null);
      audit.record(
          caller, "REFERRAL_ACKNOWLEDGED", row.childId(), row.summary().caseId(), endpoint);
    }
    return view(caller, id, endpoint);
  }

  public ReferralView close(Caller caller, UUID id, Outcome outcome, String endpoint) {
    Row row = actable(caller, id);
    if (row.summary().status() == Status.CLOSED) {
      throw closed(row);
    }
    Instant now = clock.instant();
    if (row.summary().status() == Status.OPEN) {
      // Recording an outcome is the strongest acknowledgement there is.
      markAcknowledged(id, caller.userId(), Channel.WEB, null);
    }
    db.update(
        "UPDATE referral SET status = 'CLOSED', closed_by = ?, closed_at = ?, outcome = ?"
            + " WHERE id = ?",
        caller.userId(),
        now,
        outcome,
        id);
    audit.record(caller, "REFERRAL_CLOSED", row.childId(), row.summary().caseId(), endpoint);
    return view(caller, id, endpoint);
  }

  /**
   * "OK <code>" from a phone that was sent a referral about the case with that code: acknowledges
   * the referrals in progress. Empty when the phone was sent none.
   */
  Optional<String> acknowledgeByReply(String phone, String code, Channel channel, Caller by) {
    record Sent(UUID referralId, UUID caseId, UUID childId, String status) {}
    List<Sent> sent =
        db.list(
            """
            SELECT DISTINCT r.id, r.case_id, d.child_id, r.status
            FROM referral_notice n JOIN referral r ON r.id = n.referral_id
            JOIN disappearance_case d ON d.id = r.case_id
            WHERE n.phone = ? AND d.code = ? AND r.status <> 'CLOSED'
            """,
            rs ->
                new Sent(
                    Db.uuid(rs, "id"),
                    Db.uuid(rs, "case_id"),
                    Db.uuid(rs, "child_id"),
                    rs.getString("status")),
            phone,
            code);
    if (sent.isEmpty()) {
      return Optional.empty();
    }
    boolean fresh = false;
    for (Sent s : sent) {
      if (Status.OPEN.name().equals(s.status())) {
        markAcknowledged(s.referralId(), by == null ? null : by.userId(), channel, phone);
        audit.record(by, "REFERRAL_ACKNOWLEDGED", s.childId(), s.caseId(), channel.name());
        fresh = true;
      }
    }
    return Optional.of(
        fresh
            ? "Saknad: tack, remissen om misstänkt exploatering i ärende " + code + " är kvitterad."
            : "Saknad: remissen i ärende " + code + " är redan kvitterad. Tack.");
  }

  /** Referrals opened in [from, to), by reason and by outcome, for research (not suppressed). */
  public ReferralCounts counts(Instant from, Instant to) {
    List<ReferralApi.Counts> byReason =
        db.list(
            "SELECT unnest(reasons) AS k, count(*) FROM referral WHERE opened_at >= ?"
                + " AND opened_at < ? GROUP BY 1 ORDER BY 1",
            rs -> new ReferralApi.Counts(rs.getString(1), rs.getLong(2)),
            from,
            to);
    List<ReferralApi.Counts> byOutcome =
        db.list(
            "SELECT coalesce(outcome, status) AS k, count(*) FROM referral WHERE opened_at >= ?"
                + " AND opened_at < ? GROUP BY 1 ORDER BY 1",
            rs -> new ReferralApi.Counts(rs.getString(1), rs.getLong(2)),
            from,
            to);
    long total =
        db.one(
                "SELECT count(*) FROM referral WHERE opened_at >= ? AND opened_at < ?",
                rs -> rs.getLong(1),
                from,
                to)
            .orElse(0L);
    return new ReferralCounts(total, byReason, byOutcome);
  }

  /** Raw counts; whoever publishes them applies disclosure control. */
  public record ReferralCounts(
      long total, List<ReferralApi.Counts> byReason, List<ReferralApi.Counts> byOutcome) {}

  // ---- inside ----

  private Optional<UUID> insert(
      UUID caseId, List<Reason> reasons, List<String> indicators, Caller caller, String endpoint) {
    record Target(UUID childId, String region) {}
    Target target =
        db.one(
                """
                SELECT d.child_id, coalesce(hc.police_region_code, d.police_region_code) AS region
                FROM disappearance_case d
                LEFT JOIN municipality hm ON hm.code = d.home_municipality_code
                LEFT JOIN county hc ON hc.code = hm.county_code
                WHERE d.id = ?
                """,
                rs -> new Target(Db.uuid(rs, "child_id"), rs.getString("region")),
                caseId)
            .orElseThrow(() -> ProblemException.notFound("case"));
    UUID id = UUID.randomUUID();
    int inserted =
        db.update(
            "INSERT INTO referral (id, case_id, police_region_code, status, reasons, indicators,"
                + " opened_by, opened_at) VALUES (?, ?, ?, 'OPEN', ?::text[], ?::text[], ?, ?)"
                + " ON CONFLICT (case_id) WHERE status <> 'CLOSED' DO NOTHING",
            id,
            caseId,
            target.region(),
            names(reasons),
            indicators,
            caller == null ? null : caller.userId(),
            clock.instant());
    if (inserted == 0) {
      // A simultaneous trigger opened one first: ours becomes its reasons.
      activeOn(caseId).ifPresent(other -> addReasons(other, reasons, indicators));
      if (caller != null) {
        throw ProblemException.conflict(
            "referral-exists",
            "A referral is already in progress",
            "The case has a referral that is not closed",
            Map.of());
      }
      return Optional.empty();
    }
    audit.record(caller, "REFERRAL_OPENED", target.childId(), caseId, endpoint);
    notices.sendNew(id, caseId, target.region(), needsPolice(reasons));
    return Optional.of(id);
  }

  private void addReasons(UUID id, List<Reason> reasons, List<String> indicators) {
    record Current(List<String> reasons, List<String> indicators, String region, UUID caseId) {}
    Current current =
        db.one(
                "SELECT reasons, indicators, police_region_code, case_id FROM referral"
                    + " WHERE id = ? FOR UPDATE",
                rs ->
                    new Current(
                        Db.strings(rs, "reasons"),
                        Db.strings(rs, "indicators"),
                        rs.getString("police_region_code"),
                        Db.uuid(rs, "case_id")),
                id)
            .orElseThrow();
    Set<String> allReasons = new LinkedHashSet<>(current.reasons());
    allReasons.addAll(names(reasons));
    Set<String> allIndicators = new LinkedHashSet<>(current.indicators());
    allIndicators.addAll(indicators);
    if (allReasons.size() == current.reasons().size()
        && allIndicators.size() == current.indicators().size()) {
      return;
    }
    db.update(
        "UPDATE referral SET reasons = ?::text[], indicators = ?::text[] WHERE id = ?",
        List.copyOf(allReasons),
        List.copyOf(allIndicators),
        id);
    audit.record(null, "REFERRAL_REASONS_ADDED", null, current.caseId(), "EVENT");
    boolean policeBefore =
        current.reasons().stream().anyMatch(r -> r.equals(Reason.EXPLOITATION_INDICATORS.name()));
    if (!policeBefore && needsPolice(reasons)) {
      notices.sendToPolice(id, current.caseId(), current.region());
    }
  }

  private void markAcknowledged(UUID id, UUID userId, Channel channel, String phone) {
    Instant now = clock.instant();
    db.update(
        "UPDATE referral SET status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?,"
            + " acknowledged_channel = ? WHERE id = ? AND status = 'OPEN'",
        userId,
        now,
        channel,
        id);
    db.update(
        "UPDATE referral_notice SET acknowledged_at = ? WHERE referral_id = ?"
            + " AND acknowledged_at IS NULL AND (?::text IS NULL OR phone = ?)",
        now,
        id,
        phone,
        phone);
  }

  private Optional<UUID> activeOn(UUID caseId) {
    return db.one(
        "SELECT id FROM referral WHERE case_id = ? AND status <> 'CLOSED' FOR UPDATE",
        rs -> Db.uuid(rs, "id"),
        caseId);
  }

  private Row actable(Caller caller, UUID id) {
    ReferralAccess.Filter readable = access.read(caller);
    List<Object> params = new ArrayList<>(Arrays.asList(readable.params()));
    params.add(0, id);
    Row row =
        db.one(
                SELECT + " WHERE r.id = ? AND " + readable.sql() + " FOR UPDATE OF r",
                Referrals::row,
                params.toArray())
            .orElseThrow(() -> ProblemException.notFound("referral"));
    if (!mayAct(caller, id)) {
      throw ProblemException.forbidden(
          "the coordinator against trafficking and those the referral was sent to act on it");
    }
    return row;
  }

  private boolean mayAct(Caller caller, UUID id) {
    ReferralAccess.Filter act = access.act(caller);
    List<Object> params = new ArrayList<>(Arrays.asList(act.params()));
    params.add(0, id);
    return db.exists("SELECT 1 FROM referral r WHERE r.id = ? AND " + act.sql(), params.toArray());
  }

  private ReferralView view(Caller caller, UUID id, String endpoint) {
    ReferralAccess.Filter filter = access.read(caller);
    List<Object> params = new ArrayList<>(Arrays.asList(filter.params()));
    params.add(0, id);
    Row row =
        db.one(SELECT + " WHERE r.id = ? AND " + filter.sql(), Referrals::row, params.toArray())
            .orElseThrow(() -> ProblemException.notFound("referral"));
    boolean phones = caller.is(Role.COORDINATOR);
    List<NoticeView> sent =
        db.list(
            "SELECT x.name, n.audience, n.phone, n.sent_at, n.acknowledged_at"
                + " FROM referral_notice n LEFT JOIN recipient x ON x.id = n.recipient_id"
                + " WHERE n.referral_id = ? ORDER BY n.sent_at, n.audience, x.name",
            rs ->
                new NoticeView(
                    rs.getString("name"),
                    rs.getString("audience"),
                    phones ? rs.getString("phone") : null,
                    Db.instant(rs, "sent_at"),
                    Db.instant(rs, "acknowledged_at")),
            id);
    return new ReferralView(
        row.summary(),
        row.caseStatus(),
        row.lastSeenAt(),
        row.returnedAt(),
        row.child(),
        sent,
        mayAct(caller, id));
  }

  private UUID childOf(UUID id) {
    return db.one(
            "SELECT d.child_id FROM referral r JOIN disappearance_case d ON d.id = r.case_id"
                + " WHERE r.id = ?",
            rs -> Db.uuid(rs, "child_id"),
            id)
        .orElse(null);
  }

  private static ProblemException closed(Row row) {
    return ProblemException.conflict(
        "referral-closed",
        "The referral is closed",
        "A closed referral is not changed; open a new one if needed",
        Map.of("outcome", String.valueOf(row.summary().outcome())));
  }

  static boolean needsPolice(List<Reason> reasons) {
    return reasons.contains(Reason.EXPLOITATION_INDICATORS);
  }

  private static List<String> names(List<Reason> reasons) {
    return reasons.stream().map(Enum::name).distinct().toList();
  }

  record Row(
      ReferralSummary summary,
      UUID childId,
      String caseStatus,
      Instant lastSeenAt,
      Instant returnedAt,
      ChildFacts child) {}

  static Row row(ResultSet rs) throws SQLException {
    String channel = rs.getString("acknowledged_channel");
    String outcome = rs.getString("outcome");
    Instant lastSeen = Db.instant(rs, "last_seen_at");
    LocalDate born = rs.getObject("date_of_birth", LocalDate.class);
    Integer birthYear = (Integer) rs.getObject("estimated_birth_year");
    Integer age = se.saknad.children.Children.ageAt(born, birthYear, lastSeen);
    ReferralSummary summary =
        new ReferralSummary(
            Db.uuid(rs, "id"),
            Db.uuid(rs, "case_id"),
            rs.getString("code"),
            Status.valueOf(rs.getString("status")),
            Db.strings(rs, "reasons").stream().map(Reason::valueOf).toList(),
            Db.strings(rs, "indicators"),
            rs.getString("police_region_code"),
            rs.getObject("opened_by") == null,
            Db.instant(rs, "opened_at"),
            Db.instant(rs, "acknowledged_at"),
            channel == null ? null : Channel.valueOf(channel),
            Db.instant(rs, "closed_at"),
            outcome == null ? null : Outcome.valueOf(outcome));
    return new Row(
        summary,
        Db.uuid(rs, "child_id"),
        rs.getString("case_status"),
        lastSeen,
        Db.instant(rs, "returned_at"),
        new ChildFacts(
            rs.getString("given_name"),
            age,
            rs.getString("gender"),
            rs.getString("nationality"),
            trim(rs.getString("responsible_municipality_code")),
            rs.getString("responsible_name")));
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
