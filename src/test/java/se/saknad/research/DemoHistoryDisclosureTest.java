package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.demo.DemoHistory;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

/**
 * Plays the attacker against the research answers on the demo's year of history (the same seeds)
 * plus a rare child: subtraction within every statistics table and between the answers for two
 * adjacent periods and for both together, worked out as far as the published method allows ({@link
 * DifferencingAttack}); equivalence classes of the rows over every published field; and the figures
 * of the README. The attack on a set like the one an attacker used against the built service (40
 * returned children, one of them rare) is {@link DisclosureAttackTest}.
 */
@MicronautTest(transactional = false)
class DemoHistoryDisclosureTest extends ApiTest {
  private static final String[] DIMENSIONS = {
    "byMonth", "byAgeBand", "byGender", "byNationality", "byCounty"
  };
  private static final Set<String> PER_CHILD = Set.of("byGender", "byNationality");

  @Inject DemoHistory history;

  private String researcher;
  private String staff;
  private UUID home;

  @BeforeAll
  void aYearOfHistory() {
    researcher = aUser().researcher().create();
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    history.write(home, 30, 1);
    history.write(aHome().at(MALMO).create(), 25, 2);
    // One child of a nationality no one else has, back yesterday: a cell of one.
    UUID child = aChild().inHome(home).named("Ioane", "Sällsynt").nationality("TV").create();
    UUID kase =
        aReport()
            .of(child)
            .by(staff)
            .lastSeen(OffsetDateTime.now(ZoneOffset.UTC).minusDays(2))
            .risk("HIGH")
            .create()
            .id();
    aReturn().of(kase).by(staff).at(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1)).create();
  }

  /** A cell of a table of the statistics; {@code null} when it is left out. */
  private static Long cell(Json stats, String table, String key) {
    return stats.read(table + "['" + key + "']", Long.class);
  }

  private Json statistics(LocalDate from, LocalDate to) {
    return as(researcher).get("/api/v1/research/statistics?from=" + from + "&to=" + to);
  }

  /** Every key a table has in any of the answers, so absent cells are known to be small. */
  private static Set<String> keys(List<Json> answers, String table) {
    Set<String> keys = new TreeSet<>();
    answers.forEach(a -> keys.addAll(a.keys(table)));
    return keys;
  }

  /** Adds one answer's published counts and the relations inside it. */
  private void addAnswer(DifferencingAttack a, String p, Json s, List<Json> all) {
    String casesTotal = p + "|cases|total";
    String childrenTotal = p + "|children|total";
    a.total(casesTotal, s.number("cases.total"));
    a.total(childrenTotal, s.number("children.total"));
    a.atMost(childrenTotal, casesTotal);
    for (String dim : DIMENSIONS) {
      List<String> caseCells = new ArrayList<>();
      List<String> childCells = new ArrayList<>();
      for (String key : keys(all, "cases." + dim)) {
        String c = p + "|cases|" + dim + "|" + key;
        a.cell(c, cell(s, "cases." + dim, key));
        caseCells.add(c);
        String k = p + "|children|" + dim + "|" + key;
        a.cell(k, cell(s, "children." + dim, key));
        childCells.add(k);
        a.atMost(k, c);
        a.atMost(k, childrenTotal);
      }
      a.sum(casesTotal, caseCells, true);
      // Per child: one gender, one nationality. Otherwise a child can count in several cells.
      a.sum(childrenTotal, childCells, PER_CHILD.contains(dim));
    }
    List<String> bands = new ArrayList<>();
    for (String key : keys(all, "casesByTimeToReturn")) {
      String c = p + "|casesByTimeToReturn|" + key;
      a.cell(c, cell(s, "casesByTimeToReturn", key));
      bands.add(c);
    }
    a.sum(casesTotal, bands, true);
    List<String> repeats = new ArrayList<>();
    for (String key : keys(all, "childrenByNumberOfDisappearances")) {
      String c = p + "|childrenByNumberOfDisappearances|" + key;
      a.cell(c, cell(s, "childrenByNumberOfDisappearances", key));
      repeats.add(c);
    }
    a.sum(childrenTotal, repeats, true);
    String debriefs = p + "|debriefs";
    a.total(debriefs, s.number("debriefs.debriefs"));
    a.atMost(debriefs, casesTotal);
    for (String key : keys(all, "reasons")) {
      String c = p + "|reasons|" + key;
      a.cell(c, cell(s, "reasons", key));
      a.atMost(c, debriefs);
    }
  }

  /** Cases add up over two adjacent periods; distinct children at most. */
  private void across(DifferencingAttack a, List<Json> all) {
    List<String> names = new ArrayList<>(List.of("|cases|total", "|debriefs"));
    List<String> childNames = new ArrayList<>(List.of("|children|total"));
    for (String dim : DIMENSIONS) {
      keys(all, "cases." + dim).forEach(k -> names.add("|cases|" + dim + "|" + k));
      keys(all, "cases." + dim).forEach(k -> childNames.add("|children|" + dim + "|" + k));
    }
    keys(all, "casesByTimeToReturn").forEach(k -> names.add("|casesByTimeToReturn|" + k));
    keys(all, "reasons").forEach(k -> names.add("|reasons|" + k));
    for (String n : names) {
      a.sum("AB" + n, List.of("A" + n, "B" + n), true);
    }
    for (String n : childNames) {
      a.sum("AB" + n, List.of("A" + n, "B" + n), false);
      a.atMost("A" + n, "AB" + n);
      a.atMost("B" + n, "AB" + n);
    }
  }

  @Test
  void theAttackersArithmeticFindsWhatNearestRoundingGivesAway() {
    // Four cells each rounded to the nearest 5 (0 = 0..2) and a total of 10 (8..12): all are 2.
    DifferencingAttack attack = new DifferencingAttack();
    attack.total("T", 10);
    List<String> cells = List.of("a", "b", "c", "d");
    cells.forEach(c -> attack.total(c, 0));
    attack.sum("T", cells, true);
    attack.solve();
    assertEquals(List.of("a = 2", "b = 2", "c = 2", "d = 2"), attack.recovered(1, 2));
  }

  @Test
  void subtractionWithinAndAcrossAdjacentPeriodsRecoversNoCountBelowThree() {
    LocalDate today = LocalDate.now();
    LocalDate start = today.minusYears(1);
    // Small cells exist in the truth: the test is not vacuous.
    assertTrue(
        TestDatabase.count(
                "SELECT count(*) FROM (SELECT c.nationality FROM disappearance_case d"
                    + " JOIN child c ON c.id = d.child_id GROUP BY 1"
                    + " HAVING count(*) BETWEEN 1 AND 2) x")
            >= 1);
    List<String> recovered = new ArrayList<>();
    for (int months : new int[] {1, 3, 6, 9}) {
      LocalDate split = today.minusMonths(months);
      Json a = statistics(start, split.minusDays(1));
      Json b = statistics(split, today);
      Json ab = statistics(start, today);
      List<Json> all = List.of(a, b, ab);
      DifferencingAttack attack = new DifferencingAttack();
      addAnswer(attack, "A", a, all);
      addAnswer(attack, "B", b, all);
      addAnswer(attack, "AB", ab, all);
      across(attack, all);
      attack.solve();
      attack.recovered(1, 2).forEach(r -> recovered.add("split " + split + ": " + r));
    }
    assertEquals(List.of(), recovered, "counts below 3 recovered by subtraction");
  }

  @Test
  void everyCombinationOfPublishedRowValuesIsSharedByAtLeastThreeChildren() throws Exception {
    List<Json> rows = as(researcher).get("/api/v1/research/debriefs").list();
    assertTrue(rows.size() >= 30, "rows: " + rows.size());
    for (Json row : rows) {
      assertNull(row.string("missingHours"), "the hours are never given");
      for (String suppressed : row.strings("suppressed")) {
        Object value = row.object().get(suppressed);
        assertTrue(value == null || "*".equals(value), "a suppressed value is marked");
      }
    }
    assertEquals(
        List.of(),
        PublishedClasses.smallerThanK(PublishedClasses.ofJson(rows)),
        "equivalence classes smaller than k over every published field");

    // The CSV holds the same classes.
    String csv = as(researcher).exchange(HttpRequest.GET("/api/v1/research/debriefs.csv")).body();
    List<CSVRecord> records = PublishedClasses.csv(csv);
    assertEquals(List.of(), PublishedClasses.smallerThanK(PublishedClasses.ofCsv(records)));
    assertEquals(rows.size(), records.size());
  }

  /** Figures for the README: how identifying the demo's rows and cells were, and are. */
  @Test
  void figuresOfTheDemoDataBeforeAndAfter() throws Exception {
    StringBuilder out = new StringBuilder();
    // What the rows published before: exact hours, language, risk, outcome and interviewer beside
    // the six generalised fields.
    String rowsBefore =
        "SELECT c.nationality, c.gender, d.home_municipality_code AS m, d.child_age AS age,"
            + " to_char(d.last_seen_at, 'YYYY-MM') AS month,"
            + " round((extract(epoch FROM d.returned_at - d.last_seen_at) / 3600)::numeric, 1)"
            + " AS hours, b.language, d.risk_level, b.outcome, b.interviewer_role,"
            + " row_number() OVER (PARTITION BY d.child_id ORDER BY d.last_seen_at) AS episode"
            + " FROM disappearance_case d JOIN child c ON c.id = d.child_id"
            + " JOIN debrief b ON b.case_id = d.id";
    for (String qi :
        List.of(
            "nationality, gender, m, age",
            "nationality, gender, m, age, month, episode",
            "nationality, gender, m, age, month, episode, hours, language, risk_level, outcome,"
                + " interviewer_role")) {
      List<Long> sizes =
          column("SELECT count(*) FROM (" + rowsBefore + ") r GROUP BY " + qi + " ORDER BY 1")
              .stream()
              .map(n -> Long.valueOf(n.toString()))
              .toList();
      long unique = sizes.stream().filter(n -> n == 1).count();
      out.append(
          String.format(
              "before, rows over (%s): %d rows, %d combinations, %d occur once%n",
              qi, sizes.stream().mapToLong(Long::longValue).sum(), sizes.size(), unique));
    }
    long debriefRows = TestDatabase.count("SELECT count(*) FROM debrief");
    List<Json> rows = as(researcher).get("/api/v1/research/debriefs").list();
    Json protection = as(researcher).get("/api/v1/research/debriefs/protection");
    Map<Map<String, String>, Set<String>> classes = PublishedClasses.ofJson(rows);
    out.append(
        String.format(
            "after, rows over every published field but the sensitive ones: %d of %d rows"
                + " published, %d withheld; %d classes, smallest %d children; levels %s;"
                + " information loss %s%n",
            rows.size(),
            debriefRows,
            protection.integer("rowsWithheld"),
            classes.size(),
            classes.values().stream().mapToInt(Set::size).min().orElse(0),
            protection.object("generalisation"),
            protection.string("informationLoss")));

    // Statistics, all time: the truth against what is published.
    Json stats = as(researcher).get("/api/v1/research/statistics");
    Map<String, String> dims =
        Map.of(
            "byMonth", "to_char(d.last_seen_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')",
            "byGender", "c.gender",
            "byNationality", "c.nationality",
            "byCounty", "coalesce(m.county_code, 'unknown')");
    int cells = 0;
    int small = 0;
    int leftOut = 0;
    int changed = 0;
    for (String kind : List.of("cases", "children")) {
      for (Map.Entry<String, String> dim : dims.entrySet()) {
        String count = kind.equals("cases") ? "count(*)" : "count(DISTINCT d.child_id)";
        List<Object> keys =
            column(
                "SELECT "
                    + dim.getValue()
                    + " || '=' || "
                    + count
                    + " FROM disappearance_case d JOIN child c ON c.id = d.child_id"
                    + " LEFT JOIN municipality m ON m.code = d.home_municipality_code GROUP BY "
                    + dim.getValue());
        for (Object k : keys) {
          String[] kv = k.toString().split("=");
          long truth = Long.parseLong(kv[1]);
          cells++;
          small += truth <= 2 ? 1 : 0;
          Long shown = cell(stats, kind + "." + dim.getKey(), kv[0].trim());
          leftOut += shown == null ? 1 : 0;
          changed += shown != null && shown != truth ? 1 : 0;
        }
      }
    }
    out.append(
        String.format(
            "statistics (cases and children by month, gender, nationality, county): %d cells;"
                + " before %d were 1 or 2 (shown as <3, total and siblings published); after %d left out"
                + " (rounded to 0), %d published rounded away from the truth, %d exact%n",
            cells, small, leftOut, changed, cells - leftOut - changed));
    Path file = Path.of("target", "research-disclosure.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString());
    assertTrue(out.length() > 0);
  }
}
