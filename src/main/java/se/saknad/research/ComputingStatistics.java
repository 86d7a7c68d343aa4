package se.saknad.research;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import se.saknad.children.RepeatPattern;
import se.saknad.common.Db;
import se.saknad.common.Sweden;
import se.saknad.concerns.Concerns;
import se.saknad.research.Statistics.ConcernCounts;
import se.saknad.research.Statistics.CountTables;
import se.saknad.research.Statistics.DebriefCounts;
import se.saknad.research.Statistics.Period;
import se.saknad.research.Statistics.Protection;
import se.saknad.research.Statistics.ReferralCounts;
import se.saknad.research.Statistics.Returned;

/**
 * The statistics of a period, from one read of the period's cases and one of their referrals, and
 * the period's concerns as the concerns feature counts them. Counts of children are distinct
 * children, never reports. Every published count goes through {@link ControlledRounding}, and
 * shares are computed from the published counts.
 */
@Singleton
class ComputingStatistics {
  private static final Protection PROTECTION =
      new Protection(
          "CONTROLLED_ROUNDING",
          ControlledRounding.BASE,
          "Every count is rounded to a multiple of 5 so that each table adds up to its total;"
              + " 0 stands for 0-4 and 5 for 1-9; categories rounding to 0 are left out; shares"
              + " are computed from the rounded counts.",
          "Varje antal är avrundat till en multipel av 5 så att varje tabell summerar till sin"
              + " total; 0 står för 0–4 och 5 för 1–9; kategorier som avrundas till 0 utelämnas;"
              + " andelar räknas från de avrundade antalen.");

  /** The cases whose child was last seen within the period, with the debrief of each. */
  private static final String CASES =
      """
      SELECT d.id, d.child_id,
             to_char(d.last_seen_at AT TIME ZONE {zone}, 'YYYY-MM') AS month,
             d.child_age, c.gender, c.nationality, coalesce(m.county_code, 'unknown') AS county,
             CASE
               WHEN d.returned_at IS NULL THEN '6 not returned'
               WHEN d.returned_at - d.last_seen_at < interval '6 hours' THEN '1 under 6 h'
               WHEN d.returned_at - d.last_seen_at < interval '24 hours' THEN '2 6-24 h'
               WHEN d.returned_at - d.last_seen_at < interval '3 days' THEN '3 1-3 days'
               WHEN d.returned_at - d.last_seen_at < interval '7 days' THEN '4 3-7 days'
               ELSE '5 over 7 days' END AS time_to_return,
             b.case_id IS NOT NULL AS debriefed,
             coalesce(b.outcome <> 'NOT_HELD' AND b.conducted_at <= d.debrief_due_by, false) AS on_time,
             coalesce(b.reasons, '{}') AS reasons,
             coalesce(b.whereabouts, '{}') AS whereabouts,
             coalesce(b.exploitation_indicators, '{}') AS exploitation
      FROM disappearance_case d
      JOIN child c ON c.id = d.child_id
      LEFT JOIN municipality m ON m.code = d.home_municipality_code
      LEFT JOIN debrief b ON b.case_id = d.id
      WHERE d.last_seen_at >= ? AND d.last_seen_at < ? AND d.status <> 'WITHDRAWN'
      """
          .replace("{zone}", Sweden.ZONE_SQL);

  /** The referrals on the period's cases. */
  private static final String REFERRALS =
      "SELECT r.reasons, coalesce(r.outcome, r.status) AS outcome FROM referral r"
          + " JOIN disappearance_case d ON d.id = r.case_id"
          + " WHERE d.last_seen_at >= ? AND d.last_seen_at < ? AND d.status <> 'WITHDRAWN'";

  /** One case of the period as the statistics count it. */
  private record PeriodCase(
      String child,
      String month,
      String ageBand,
      String gender,
      String nationality,
      String county,
      String timeToReturn,
      boolean debriefed,
      boolean onTime,
      List<String> reasons,
      List<String> whereabouts,
      List<String> exploitation) {}

  private final Db db;
  private final Concerns concerns;
  private final RepeatPattern repeatPattern;

  ComputingStatistics(Db db, Concerns concerns, RepeatPattern repeatPattern) {
    this.db = db;
    this.concerns = concerns;
    this.repeatPattern = repeatPattern;
  }

  /** The published statistics of the period (days inclusive; an open end is unbounded). */
  Statistics of(LocalDate from, LocalDate to) {
    Instant start = from == null ? Instant.EPOCH : Sweden.startOf(from);
    Instant end =
        to == null ? Instant.parse("9999-01-01T00:00:00Z") : Sweden.startOf(to.plusDays(1));
    List<PeriodCase> cases = casesLastSeen(start, end);
    long caseTotal = ControlledRounding.total(cases.size());
    long childTotal = ControlledRounding.total(count(cases, PeriodCase::child).size());
    Map<String, Long> timeToReturn =
        ControlledRounding.table(count(cases, PeriodCase::timeToReturn), caseTotal);
    long returnedCases = caseTotal - sum(timeToReturn, "6 ");
    return new Statistics(
        new Period(from, to),
        PROTECTION,
        perCase(cases, caseTotal),
        perChild(cases, childTotal),
        returned(timeToReturn, caseTotal),
        timeToReturn,
        ControlledRounding.table(disappearancesPerChild(cases), childTotal),
        ControlledRounding.table(codes(cases, PeriodCase::reasons)),
        debriefs(cases, returnedCases),
        ControlledRounding.table(codes(cases, PeriodCase::whereabouts)),
        ControlledRounding.table(codes(cases, PeriodCase::exploitation)),
        referrals(start, end),
        concerns(start, end));
  }

  /**
   * Concerns observed in the period: by coded sign (a concern can carry several, so that table adds
   * up to itself), how many were assessed by their deadline and that share of all the period's
   * concerns, from the published counts; and the children who went missing as a repeat in the
   * period ({@link RepeatPattern}).
   */
  private ConcernCounts concerns(Instant start, Instant end) {
    List<Concerns.CountedConcern> observed = concerns.observedBetween(start, end);
    long total = ControlledRounding.total(observed.size());
    long inTime =
        ControlledRounding.total(
            observed.stream().filter(Concerns.CountedConcern::assessedInTime).count());
    return new ConcernCounts(
        total,
        ControlledRounding.table(codes(observed, c -> c.signs().stream().map(Enum::name).toList())),
        inTime,
        ControlledRounding.share(inTime, total),
        ControlledRounding.total(repeatPattern.childrenRepeatingBetween(start, end)));
  }

  private List<PeriodCase> casesLastSeen(Instant start, Instant end) {
    return db.list(
        CASES,
        rs ->
            new PeriodCase(
                rs.getString("child_id"),
                rs.getString("month"),
                AgeBands.of((Integer) rs.getObject("child_age")),
                rs.getString("gender"),
                rs.getString("nationality").trim(),
                rs.getString("county").trim(),
                rs.getString("time_to_return"),
                rs.getBoolean("debriefed"),
                rs.getBoolean("on_time"),
                Db.strings(rs, "reasons"),
                Db.strings(rs, "whereabouts"),
                Db.strings(rs, "exploitation")),
        start,
        end);
  }

  /** Cases split five ways; each table adds up to the cases. */
  private static CountTables perCase(List<PeriodCase> cases, long caseTotal) {
    return new CountTables(
        caseTotal,
        ControlledRounding.table(count(cases, PeriodCase::month), caseTotal),
        ControlledRounding.table(count(cases, PeriodCase::ageBand), caseTotal),
        ControlledRounding.table(count(cases, PeriodCase::gender), caseTotal),
        ControlledRounding.table(count(cases, PeriodCase::nationality), caseTotal),
        ControlledRounding.table(count(cases, PeriodCase::county), caseTotal));
  }

  /**
   * Distinct children split five ways. A child has one gender and one nationality, so those tables
   * add up to the children; a child can be counted in several months, age bands or counties, so
   * those add up to themselves.
   */
  private static CountTables perChild(List<PeriodCase> cases, long childTotal) {
    return new CountTables(
        childTotal,
        ControlledRounding.table(distinctChildren(cases, PeriodCase::month)),
        ControlledRounding.table(distinctChildren(cases, PeriodCase::ageBand)),
        ControlledRounding.table(distinctChildren(cases, PeriodCase::gender), childTotal),
        ControlledRounding.table(distinctChildren(cases, PeriodCase::nationality), childTotal),
        ControlledRounding.table(distinctChildren(cases, PeriodCase::county)));
  }

  /** Shares of the published cases back within a day, within a week, and not yet. */
  private static Returned returned(Map<String, Long> timeToReturn, long caseTotal) {
    long day = sum(timeToReturn, "1 ", "2 ");
    long week = sum(timeToReturn, "1 ", "2 ", "3 ", "4 ");
    long notYet = sum(timeToReturn, "6 ");
    return new Returned(
        caseTotal,
        ControlledRounding.share(day, caseTotal),
        ControlledRounding.share(week, caseTotal),
        ControlledRounding.share(notYet, caseTotal));
  }

  /** Children by how many times they disappeared in the period: 1, 2 or 3+. */
  private static Map<String, Long> disappearancesPerChild(List<PeriodCase> cases) {
    Map<String, Long> repeats = new TreeMap<>();
    count(cases, PeriodCase::child)
        .values()
        .forEach(n -> repeats.merge(n >= 3 ? "3+" : String.valueOf(n), 1L, Long::sum));
    return repeats;
  }

  /** How often each code was given; a debrief or a referral can give several. */
  private static <T> Map<String, Long> codes(List<T> items, Function<T, List<String>> codes) {
    Map<String, Long> counts = new TreeMap<>();
    items.forEach(i -> codes.apply(i).forEach(code -> counts.merge(code, 1L, Long::sum)));
    return counts;
  }

  private static DebriefCounts debriefs(List<PeriodCase> cases, long returnedCases) {
    long onTime = ControlledRounding.total(cases.stream().filter(PeriodCase::onTime).count());
    return new DebriefCounts(
        returnedCases,
        ControlledRounding.total(cases.stream().filter(PeriodCase::debriefed).count()),
        ControlledRounding.share(onTime, returnedCases));
  }

  /**
   * Referrals on the period's cases: one outcome each (or the status while in progress), so that
   * table adds up to the total; a referral can have several reasons.
   */
  private ReferralCounts referrals(Instant start, Instant end) {
    record Referral(List<String> reasons, String outcome) {}
    List<Referral> referrals =
        db.list(
            REFERRALS,
            rs -> new Referral(Db.strings(rs, "reasons"), rs.getString("outcome")),
            start,
            end);
    long total = ControlledRounding.total(referrals.size());
    return new ReferralCounts(
        total,
        ControlledRounding.table(codes(referrals, Referral::reasons)),
        ControlledRounding.table(count(referrals, Referral::outcome), total));
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    Map<String, Long> counts = new TreeMap<>();
    items.forEach(i -> counts.merge(key.apply(i), 1L, Long::sum));
    return counts;
  }

  private static Map<String, Long> distinctChildren(
      List<PeriodCase> cases, Function<PeriodCase, String> key) {
    Map<String, Set<String>> sets = new TreeMap<>();
    cases.forEach(c -> sets.computeIfAbsent(key.apply(c), k -> new HashSet<>()).add(c.child()));
    Map<String, Long> counts = new TreeMap<>();
    sets.forEach((k, s) -> counts.put(k, (long) s.size()));
    return counts;
  }

  private static long sum(Map<String, Long> table, String... prefixes) {
    return table.entrySet().stream()
        .filter(e -> Arrays.stream(prefixes).anyMatch(p -> e.getKey().startsWith(p)))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
