package se.saknad.research;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.security.Caller;

/**
 * Pseudonymised debriefs and honest statistics for the Children's Ombudsman. Counts of children are
 * distinct children, never reports; any count of one or two is shown as "<3" so that a rare
 * combination cannot point to a child. Every read is audited.
 */
@Singleton
@Transactional
public class Research {
  static final String SUPPRESSED = "<3";

  private static final String ROWS =
      """
      SELECT d.child_id, d.episode, d.child_age, c.gender, c.nationality, d.home_municipality_code,
             m.county_code, d.risk_level,
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
      ORDER BY d.last_seen_at, d.id
      """;

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
        csv.printRecord(row.csvValues());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public Map<String, Object> statistics(Caller caller, String endpoint) {
    audit.record(caller, "RESEARCH_STATISTICS_READ", null, null, endpoint);
    Map<String, Object> stats = new LinkedHashMap<>();
    String cases =
        "SELECT d.*, c.gender, c.nationality, m.county_code FROM disappearance_case d"
            + " JOIN child c ON c.id = d.child_id LEFT JOIN municipality m ON m.code = d.home_municipality_code";
    String band =
        "CASE WHEN child_age IS NULL THEN 'unknown' WHEN child_age < 13 THEN '0-12'"
            + " WHEN child_age < 16 THEN '13-15' WHEN child_age < 18 THEN '16-17' ELSE '18+' END";
    Map<String, String> groupings = new LinkedHashMap<>();
    groupings.put("byMonth", "to_char(last_seen_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')");
    groupings.put("byAgeBand", band);
    groupings.put("byGender", "gender");
    groupings.put("byNationality", "nationality");
    groupings.put("byCounty", "coalesce(county_code, 'unknown')");
    Map<String, Object> caseCounts = new LinkedHashMap<>();
    Map<String, Object> childCounts = new LinkedHashMap<>();
    caseCounts.put("total", suppress(count("SELECT count(*) FROM (" + cases + ") x")));
    childCounts.put(
        "total", suppress(count("SELECT count(DISTINCT child_id) FROM (" + cases + ") x")));
    groupings.forEach(
        (name, expression) -> {
          caseCounts.put(
              name,
              grouped(
                  "SELECT "
                      + expression
                      + " AS k, count(*) FROM ("
                      + cases
                      + ") x GROUP BY 1 ORDER BY 1"));
          childCounts.put(
              name,
              grouped(
                  "SELECT "
                      + expression
                      + " AS k, count(DISTINCT child_id) FROM ("
                      + cases
                      + ") x GROUP BY 1 ORDER BY 1"));
        });
    stats.put("cases", caseCounts);
    stats.put("children", childCounts);

    long[] r =
        db.one(
                """
                SELECT count(*),
                       count(*) FILTER (WHERE returned_at - last_seen_at <= interval '24 hours'),
                       count(*) FILTER (WHERE returned_at - last_seen_at <= interval '7 days'),
                       count(*) FILTER (WHERE returned_at IS NULL)
                FROM disappearance_case
                """,
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
            .orElseThrow();
    long total = r[0];
    long day = r[1];
    long week = r[2];
    long notYet = r[3];
    Map<String, Object> returned = new LinkedHashMap<>();
    returned.put("cases", suppress(total));
    returned.put("within24h", share(day, total));
    returned.put("within7days", share(week, total));
    returned.put("notYet", share(notYet, total));
    stats.put("returned", returned);
    // The distribution behind those shares: cases by time until the child was back.
    stats.put(
        "casesByTimeToReturn",
        grouped(
            """
            SELECT CASE
                     WHEN returned_at IS NULL THEN '6 not returned'
                     WHEN returned_at - last_seen_at < interval '6 hours' THEN '1 under 6 h'
                     WHEN returned_at - last_seen_at < interval '24 hours' THEN '2 6-24 h'
                     WHEN returned_at - last_seen_at < interval '3 days' THEN '3 1-3 days'
                     WHEN returned_at - last_seen_at < interval '7 days' THEN '4 3-7 days'
                     ELSE '5 over 7 days' END, count(*)
            FROM disappearance_case GROUP BY 1 ORDER BY 1
            """));

    stats.put(
        "childrenByNumberOfDisappearances",
        grouped(
            "SELECT CASE WHEN n >= 3 THEN '3+' ELSE n::text END, count(*) FROM"
                + " (SELECT child_id, count(*) AS n FROM disappearance_case GROUP BY child_id) x GROUP BY 1 ORDER BY 1"));
    stats.put(
        "reasons", grouped("SELECT unnest(reasons), count(*) FROM debrief GROUP BY 1 ORDER BY 1"));
    long debriefs = count("SELECT count(*) FROM debrief");
    long onTime =
        count(
            "SELECT count(*) FROM debrief b JOIN disappearance_case d ON d.id = b.case_id"
                + " WHERE b.outcome <> 'NOT_HELD' AND b.conducted_at <= d.debrief_due_by");
    long returnedCases = total - notYet;
    Map<String, Object> held = new LinkedHashMap<>();
    held.put("returnedCases", suppress(returnedCases));
    held.put("debriefs", suppress(debriefs));
    held.put("heldWithin72hShareOfReturned", share(onTime, returnedCases));
    stats.put("debriefs", held);
    return stats;
  }

  private List<ResearchRow> rows() {
    return db.list(
        ROWS,
        rs -> {
          boolean consent = rs.getBoolean("consent_to_research");
          java.math.BigDecimal hours = rs.getBigDecimal("missing_hours");
          return new ResearchRow(
              keys.keyOf(Db.uuid(rs, "child_id")),
              rs.getInt("episode"),
              (Integer) rs.getObject("child_age"),
              rs.getString("gender"),
              rs.getString("nationality"),
              trim(rs.getString("home_municipality_code")),
              trim(rs.getString("county_code")),
              rs.getString("risk_level"),
              hours == null ? null : hours.doubleValue(),
              rs.getString("outcome"),
              rs.getString("interviewer_role"),
              rs.getBoolean("interviewer_independent"),
              rs.getBoolean("interpreter_used"),
              rs.getString("language"),
              rs.getBoolean("within_72h"),
              Db.strings(rs, "reasons"),
              Db.strings(rs, "whereabouts"),
              Db.strings(rs, "exploitation_indicators"),
              consent,
              consent ? rs.getString("reasons_text") : null,
              consent ? rs.getString("child_statement") : null);
        });
  }

  private long count(String sql) {
    return db.one(sql, rs -> rs.getLong(1)).orElse(0L);
  }

  private Map<String, Object> grouped(String sql) {
    Map<String, Object> groups = new LinkedHashMap<>();
    db.list(sql, rs -> Map.entry(String.valueOf(rs.getString(1)).trim(), rs.getLong(2)))
        .forEach(e -> groups.put(e.getKey(), suppress(e.getValue())));
    return groups;
  }

  /** Small-cell suppression: 1 and 2 are shown as "<3". */
  static Object suppress(long count) {
    return count > 0 && count < 3 ? SUPPRESSED : count;
  }

  /** A share in per cent, suppressed with its numerator. */
  static Object share(long part, long whole) {
    if (part > 0 && part < 3) {
      return SUPPRESSED;
    }
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
