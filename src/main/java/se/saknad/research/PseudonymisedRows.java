package se.saknad.research;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import se.saknad.common.Db;
import se.saknad.common.Sweden;

/**
 * The research rows: one per debrief, keyed by the child's {@code childKey}, with the
 * quasi-identifiers suppressed until the rows are k-anonymous ({@link KAnonymity}) and the child's
 * words only with consent.
 */
@Singleton
class PseudonymisedRows {
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

  private final Db db;
  private final ChildKeys keys;

  PseudonymisedRows(Db db, ChildKeys keys) {
    this.db = db;
    this.keys = keys;
  }

  /** A debrief before suppression: its key, episode, quasi-identifiers, and how to publish it. */
  private record Raw(
      String childKey,
      int episode,
      Map<String, String> quasiIdentifiers,
      Function<List<String>, ResearchRow> build) {}

  /** Every row that can be published, in an order that tells nothing. */
  List<ResearchRow> all() {
    List<Raw> raws = read();
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
    return inAnOrderThatTellsNothing(rows, episodes);
  }

  /**
   * Published values first, then the key, then the episode: the order tells nothing a row does not.
   */
  private static List<ResearchRow> inAnOrderThatTellsNothing(
      List<ResearchRow> rows, List<Integer> episodes) {
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

  private List<Raw> read() {
    return db.list(
        ROWS,
        rs -> {
          String childKey = keys.keyOf(Db.uuid(rs, "child_id"));
          int episode = rs.getInt("episode");
          Map<String, String> qi = new HashMap<>();
          String county = trim(rs.getString("county_code"));
          qi.put("countyCode", county == null ? "unknown" : county);
          qi.put("quarter", rs.getString("quarter"));
          qi.put("regionOfOrigin", RegionsOfOrigin.of(rs.getString("nationality")));
          qi.put("ageBand", AgeBands.of((Integer) rs.getObject("child_age")));
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
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
