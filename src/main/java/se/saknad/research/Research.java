package se.saknad.research;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.common.Sweden;
import se.saknad.research.Statistics.CountTables;
import se.saknad.research.Statistics.DebriefCounts;
import se.saknad.research.Statistics.Period;
import se.saknad.research.Statistics.Protection;
import se.saknad.research.Statistics.ReferralCounts;
import se.saknad.research.Statistics.Returned;
import se.saknad.security.Caller;

/**
 * Pseudonymised debriefs and honest statistics for the Children's Ombudsman. Counts of children are
 * distinct children, never reports. Published counts are protected by controlled rounding ({@link
 * ControlledRounding}); rows are k-anonymous ({@link KAnonymity}). Every read is audited.
 */
@Singleton
@Transactional
public class Research {

  private static final String ROWS =
      """
      SELECT d.child_id, d.episode, d.child_age, c.gender, c.nationality, m.county_code,
             to_char(d.last_seen_at AT TIME ZONE {zone}, 'YYYY-"Q"Q') AS quarter,
             d.risk_level,
             round((extract(epoch FROM d.returned_at - d.last_seen_at) / 3600)::numeric, 1) AS missing_hours,
             b.outcome, b.interviewer_role, b.interviewer_independent, b.interpreter_used, b.language,
             (b.conducted_at IS NOT NULL AND b.conducted_at <= d.debrief_due_by) AS within_72h,
             b.reasons, b.whereabouts, b.exploitation_indicators, b.consent_to_research,
             b.reasons_text, b.child_statement
      FROM (SELECT x.*, row_number() OVER (PARTITION BY x.child_id ORDER BY x.last_seen_at) AS episode
            FROM disappearance_case x) d
      JOIN debrief b ON b.case_id = d.id
      JOIN child c ON c.id = d.child_id
      LEFT JOIN municipality m ON m.code = d.home_municipality_code
      """
          .replace("{zone}", Sweden.ZONE_SQL);

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
      WHERE d.last_seen_at >= ? AND d.last_seen_at < ?
      """
          .replace("{zone}", Sweden.ZONE_SQL);

  private static final Protection PROTECTION =
      new Protection(
          "CONTROLLED_ROUNDING",
          ControlledRounding.BASE,
          "Every count is rounded to a multiple of 5 so that each table adds up to its total;"
              + " 0 stands for 0-4 and 5 for 1-9; categories rounding to 0 are left out; shares"
              + " are computed from the rounded counts.");

  private final Db db;
  private final ChildKeys keys;
  private final AuditTrail audit;

  Research(Db db, ChildKeys keys, AuditTrail audit) {
    this.db = db;
    this.keys = keys;
    this.audit = audit;
  }

  public List<ResearchRow> debriefs(Caller caller, String endpoint) {
    audit.record(caller, "RESEARCH_DEBRIEFS_READ", null, null, endpoint);
    return rows();
  }

  public String debriefsCsv(Caller caller, String endpoint) {
    audit.record(caller, "RESEARCH_DEBRIEFS_EXPORTED", null, null, endpoint);
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        CSVFormat.RFC4180
            .builder()
            .setHeader(ResearchRow.CSV_HEADER.toArray(String[]::new))
            .get()
            .print(out)) {
      for (ResearchRow row : rows()) {
        csv.printRecord(row.csvValues().stream().map(Research::inertInSpreadsheets).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * OWASP's rule against CSV injection: a text cell that a spreadsheet would read as a formula (it
   * begins with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, which
   * spreadsheets show as text. Numbers and booleans are written as they are.
   */
  static Object inertInSpreadsheets(Object value) {
    if (value instanceof String text
        && !text.isEmpty()
        && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return value;
  }

  /** Statistics of the cases whose child was last seen within the period (days inclusive). */
  public Statistics statistics(Caller caller, String endpoint, LocalDate from, LocalDate to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw ProblemException.invalid("to", "lies before from");
    }
    audit.record(caller, "RESEARCH_STATISTICS_READ", null, null, endpoint);
    Instant start = from == null ? Instant.EPOCH : Sweden.startOf(from);
    Instant end =
        to == null ? Instant.parse("9999-01-01T00:00:00Z") : Sweden.startOf(to.plusDays(1));
    record Case(
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
    List<Case> cases =
        db.list(
            CASES,
            rs ->
                new Case(
                    rs.getString("child_id"),
                    rs.getString("month"),
                    ageBand((Integer) rs.getObject("child_age")),
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

    long caseTotal = ControlledRounding.total(cases.size());
    Map<String, Function<Case, String>> dimensions = new LinkedHashMap<>();
    dimensions.put("month", Case::month);
    dimensions.put("ageBand", Case::ageBand);
    dimensions.put("gender", Case::gender);
    dimensions.put("nationality", Case::nationality);
    dimensions.put("county", Case::county);
    Map<String, Map<String, Long>> caseTables = new HashMap<>();
    Map<String, Map<String, Long>> childTables = new HashMap<>();
    Set<String> children = new HashSet<>();
    cases.forEach(c -> children.add(c.child()));
    long childTotal = ControlledRounding.total(children.size());
    // A child has one gender and one nationality, so those tables add up to the children; a child
    // can be counted in several months, age bands or counties, so those add up to themselves.
    Set<String> perChild = Set.of("gender", "nationality");
    dimensions.forEach(
        (name, key) -> {
          caseTables.put(name, ControlledRounding.table(count(cases, key), caseTotal));
          Map<String, Long> distinct = distinctChildren(cases, key, Case::child);
          childTables.put(
              name,
              perChild.contains(name)
                  ? ControlledRounding.table(distinct, childTotal)
                  : ControlledRounding.table(distinct));
        });

    Map<String, Long> timeToReturn =
        ControlledRounding.table(count(cases, Case::timeToReturn), caseTotal);
    long day = sum(timeToReturn, "1 ", "2 ");
    long week = sum(timeToReturn, "1 ", "2 ", "3 ", "4 ");
    long notYet = sum(timeToReturn, "6 ");
    Returned returned =
        new Returned(
            caseTotal,
            ControlledRounding.share(day, caseTotal),
            ControlledRounding.share(week, caseTotal),
            ControlledRounding.share(notYet, caseTotal));

    Map<String, Long> episodesPerChild = count(cases, Case::child);
    Map<String, Long> repeats = new TreeMap<>();
    episodesPerChild
        .values()
        .forEach(n -> repeats.merge(n >= 3 ? "3+" : String.valueOf(n), 1L, Long::sum));

    Map<String, Long> reasons = new TreeMap<>();
    cases.forEach(c -> c.reasons().forEach(r -> reasons.merge(r, 1L, Long::sum)));

    Map<String, Long> whereabouts = new TreeMap<>();
    cases.forEach(c -> c.whereabouts().forEach(w -> whereabouts.merge(w, 1L, Long::sum)));
    Map<String, Long> exploitation = new TreeMap<>();
    cases.forEach(c -> c.exploitation().forEach(e -> exploitation.merge(e, 1L, Long::sum)));

    long returnedCases = caseTotal - notYet;
    long onTime = ControlledRounding.total(cases.stream().filter(Case::onTime).count());
    DebriefCounts debriefs =
        new DebriefCounts(
            returnedCases,
            ControlledRounding.total(cases.stream().filter(Case::debriefed).count()),
            ControlledRounding.share(onTime, returnedCases));

    return new Statistics(
        new Period(from, to),
        PROTECTION,
        tables(caseTotal, caseTables),
        tables(childTotal, childTables),
        returned,
        timeToReturn,
        ControlledRounding.table(repeats, childTotal),
        ControlledRounding.table(reasons),
        debriefs,
        ControlledRounding.table(whereabouts),
        ControlledRounding.table(exploitation),
        referrals(start, end));
  }

  /**
   * Referrals on the period's cases: one outcome each (or the status while in progress), so that
   * table adds up to the total; a referral can have several reasons.
   */
  private ReferralCounts referrals(Instant start, Instant end) {
    record Referral(List<String> reasons, String outcome) {}
    List<Referral> referrals =
        db.list(
            "SELECT r.reasons, coalesce(r.outcome, r.status) AS outcome FROM referral r"
                + " JOIN disappearance_case d ON d.id = r.case_id"
                + " WHERE d.last_seen_at >= ? AND d.last_seen_at < ?",
            rs -> new Referral(Db.strings(rs, "reasons"), rs.getString("outcome")),
            start,
            end);
    long total = ControlledRounding.total(referrals.size());
    Map<String, Long> reasons = new TreeMap<>();
    referrals.forEach(r -> r.reasons().forEach(x -> reasons.merge(x, 1L, Long::sum)));
    return new ReferralCounts(
        total,
        ControlledRounding.table(reasons),
        ControlledRounding.table(count(referrals, Referral::outcome), total));
  }

  private static CountTables tables(long total, Map<String, Map<String, Long>> tables) {
    return new CountTables(
        total,
        tables.get("month"),
        tables.get("ageBand"),
        tables.get("gender"),
        tables.get("nationality"),
        tables.get("county"));
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    Map<String, Long> counts = new TreeMap<>();
    items.forEach(i -> counts.merge(key.apply(i), 1L, Long::sum));
    return counts;
  }

  private static <T> Map<String, Long> distinctChildren(
      List<T> items, Function<T, String> key, Function<T, String> child) {
    Map<String, Set<String>> sets = new TreeMap<>();
    items.forEach(
        i -> sets.computeIfAbsent(key.apply(i), k -> new HashSet<>()).add(child.apply(i)));
    Map<String, Long> counts = new TreeMap<>();
    sets.forEach((k, s) -> counts.put(k, (long) s.size()));
    return counts;
  }

  private static long sum(Map<String, Long> table, String... prefixes) {
    return table.entrySet().stream()
        .filter(e -> java.util.Arrays.stream(prefixes).anyMatch(p -> e.getKey().startsWith(p)))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  static String ageBand(Integer age) {
    if (age == null) {
      return "unknown";
    }
    return age < 13 ? "0-12" : age < 16 ? "13-15" : age < 18 ? "16-17" : "18+";
  }

  private List<ResearchRow> rows() {
    record Raw(
        String childKey,
        int episode,
        Map<String, String> quasiIdentifiers,
        Function<List<String>, ResearchRow> build) {}
    List<Raw> raws =
        db.list(
            ROWS,
            rs -> {
              String childKey = keys.keyOf(Db.uuid(rs, "child_id"));
              int episode = rs.getInt("episode");
              Map<String, String> qi = new HashMap<>();
              String county = trim(rs.getString("county_code"));
              qi.put("countyCode", county == null ? "unknown" : county);
              qi.put("quarter", rs.getString("quarter"));
              qi.put("regionOfOrigin", RegionsOfOrigin.of(rs.getString("nationality")));
              qi.put("ageBand", ageBand((Integer) rs.getObject("child_age")));
              qi.put("episodes", episode >= 3 ? "3+" : String.valueOf(episode));
              qi.put("gender", rs.getString("gender"));
              boolean consent = rs.getBoolean("consent_to_research");
              BigDecimal hours = rs.getBigDecimal("missing_hours");
              String riskLevel = rs.getString("risk_level");
              String outcome = rs.getString("outcome");
              String role = rs.getString("interviewer_role");
              boolean independent = rs.getBoolean("interviewer_independent");
              boolean interpreter = rs.getBoolean("interpreter_used");
              String language = rs.getString("language");
              boolean onTime = rs.getBoolean("within_72h");
              List<String> reasons = Db.strings(rs, "reasons");
              List<String> whereabouts = Db.strings(rs, "whereabouts");
              List<String> exploitation = Db.strings(rs, "exploitation_indicators");
              String reasonsText = consent ? rs.getString("reasons_text") : null;
              String statement = consent ? rs.getString("child_statement") : null;
              Function<List<String>, ResearchRow> build =
                  suppressed -> {
                    Function<String, String> value =
                        name -> suppressed.contains(name) ? KAnonymity.SUPPRESSED : qi.get(name);
                    return new ResearchRow(
                        childKey,
                        value.apply("episodes"),
                        value.apply("ageBand"),
                        value.apply("gender"),
                        value.apply("regionOfOrigin"),
                        value.apply("countyCode"),
                        value.apply("quarter"),
                        riskLevel,
                        hours == null ? null : hours.doubleValue(),
                        outcome,
                        role,
                        independent,
                        interpreter,
                        language,
                        onTime,
                        reasons,
                        whereabouts,
                        exploitation,
                        consent,
                        reasonsText,
                        statement,
                        suppressed,
                        null,
                        null,
                        null,
                        null);
                  };
              return new Raw(childKey, episode, qi, build);
            });
    List<Set<String>> suppressions =
        KAnonymity.suppressions(
            raws.stream()
                .map(r -> new KAnonymity.Subject(r.childKey(), r.quasiIdentifiers()))
                .toList());
    List<ResearchRow> rows = new ArrayList<>();
    List<Integer> episodes = new ArrayList<>();
    for (int i = 0; i < raws.size(); i++) {
      Set<String> suppressed = suppressions.get(i);
      if (suppressed == null) {
        continue; // too rare even with every quasi-identifier suppressed
      }
      List<String> names =
          KAnonymity.SUPPRESSION_ORDER.stream().filter(suppressed::contains).toList();
      rows.add(raws.get(i).build().apply(names));
      episodes.add(raws.get(i).episode());
    }
    // The order tells nothing a row does not: published values, then the key, then the episode.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparing((Integer i) -> rows.get(i).quarter())
            .thenComparing(i -> rows.get(i).countyCode())
            .thenComparing(i -> rows.get(i).childKey())
            .thenComparing(episodes::get));
    return order.stream().map(rows::get).toList();
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
