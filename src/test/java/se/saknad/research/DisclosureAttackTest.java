package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * The attack that identified a child in the built service, played again against it: 40 returned
 * children with debriefs, 39 ordinary ones (four origins and languages, ages 14–17, missing 3 to
 * 240 hours) and one target, the only child from a rare country with a rare language, missing 157.3
 * hours, who consented to research and named herself, a friend's street address and a phone number
 * in her statement. The attacker knows everything about her case an outsider could know, and asks
 * the survival curve before and after her case.
 *
 * <p>The cases lie two years back, in a period of their own, so that the curves of that period are
 * theirs alone whatever else the database holds.
 */
@MicronautTest(transactional = false)
class DisclosureAttackTest extends ApiTest {
  private static final String[][] ORIGINS = {
    {"AF", "prs"}, {"SO", "so"}, {"ER", "ti"}, {"SY", "ar"}
  };
  private static final String[] REASONS = {
    "FEAR_OF_DEPORTATION", "AGE_ASSESSMENT", "ASYLUM_DECISION", "CONFLICT_AT_HOME",
    "TO_REACH_RELATIVES", "FRIENDS_OR_PARTNER", "WORK_OR_MONEY", "ISOLATION_OR_BOREDOM"
  };
  private static final String[] WHEREABOUTS = {
    "WITH_RELATIVES", "WITH_FRIENDS_OWN_AGE", "ANOTHER_MUNICIPALITY", "SLEEPING_ROUGH"
  };
  private static final double TARGET_HOURS = 157.3;
  private static final String TARGET_GIVEN = "Oyuunchimeg";
  private static final String TARGET_FAMILY = "Batbayar";
  private static final String TARGET_ALIAS = "Oyuka";
  private static final String STATEMENT =
      "Jag heter "
          + TARGET_GIVEN
          + " "
          + TARGET_FAMILY
          + " men alla säger "
          + TARGET_ALIAS
          + ". Jag sov hos min kompis på Storgatan 12 i Gävle, ring 070-123 45 67 om ni vill"
          + " veta. Hon hjälpte mig.";
  private static final String REDACTED =
      "Jag heter [namn] [namn] men alla säger [namn]. Jag sov hos min kompis på [adress] i Gävle,"
          + " ring [telefon] om ni vill veta. Hon hjälpte mig.";
  private static final List<String> SECRETS =
      List.of(
          TARGET_GIVEN,
          TARGET_FAMILY,
          TARGET_ALIAS,
          "Storgatan",
          "070-123 45 67",
          "0701234567",
          "+46701234567",
          "123 45 67");

  @Inject ChildKeys childKeys;

  private String researcher;
  private final Set<String> ourKeys = new TreeSet<>();
  private String targetKey;
  private UUID targetCase;
  private LocalDate from;
  private LocalDate to;
  private LocalDate split;

  /** The curves of the period before the target's case (24 h and 6 h) and after it. */
  private final Map<String, Json> before = new LinkedHashMap<>();

  private final Map<String, Json> after = new LinkedHashMap<>();

  /** Raw figures of the 40 rows as the rows used to publish them, for the README. */
  private String rawFigures;

  @BeforeAll
  void fortyReturnedChildrenOneOfThemRare() {
    researcher = aUser().researcher().create();
    UUID tyreso = aHome().at(TYRESO_CENTRUM).create();
    UUID malmo = aHome().at(MALMO).create();
    OffsetDateTime start =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(900).truncatedTo(ChronoUnit.HOURS);
    from = start.toLocalDate().minusDays(1);
    to = start.plusDays(200).toLocalDate();
    split = start.plusDays(90).toLocalDate();
    Random random = new Random(25);
    for (int i = 0; i < 39; i++) {
      String[] origin = ORIGINS[i % ORIGINS.length];
      UUID home = i % 3 == 0 ? malmo : tyreso;
      OffsetDateTime seen = start.plusHours(random.nextInt(180 * 24));
      int age = 14 + random.nextInt(4);
      double hours = 3 + random.nextInt(2370) / 10.0;
      boolean consent = random.nextBoolean();
      String given = "Barn" + (char) ('A' + i % 26) + "ulla";
      String statement =
          consent ? "Jag heter " + given + " och ville vara nära min familj." : "Inget att säga.";
      child(
          home,
          given,
          "Vanlig",
          random.nextInt(4) == 0 ? "FEMALE" : "MALE",
          origin[0],
          origin[1],
          age,
          seen,
          hours,
          new String[] {"HIGH", "ELEVATED", "STANDARD"}[random.nextInt(3)],
          pick(random, REASONS, 1 + random.nextInt(2)),
          List.of(WHEREABOUTS[random.nextInt(WHEREABOUTS.length)]),
          consent,
          statement,
          random);
    }
    for (String width : List.of("24", "6")) {
      before.put(width, survival(from, to, width));
    }
    rawFigures = rawFigures();
    UUID target =
        child(
            tyreso,
            TARGET_GIVEN,
            TARGET_FAMILY,
            "FEMALE",
            "MN",
            "mn",
            15,
            start.plusDays(100),
            TARGET_HOURS,
            "HIGH",
            List.of("FRIENDS_OR_PARTNER"),
            List.of("WITH_FRIENDS_OWN_AGE"),
            true,
            STATEMENT,
            random);
    targetKey = childKeys.keyOf(target);
    targetCase =
        (UUID)
            column("SELECT id FROM disappearance_case WHERE child_id = ?", target).stream()
                .findFirst()
                .orElseThrow();
    for (String width : List.of("24", "6")) {
      after.put(width, survival(from, to, width));
    }
  }

  /** A child registered, reported, back after {@code hours} and debriefed, all through the API. */
  private UUID child(
      UUID home,
      String given,
      String family,
      String gender,
      String nationality,
      String language,
      int age,
      OffsetDateTime seen,
      double hours,
      String risk,
      List<String> reasons,
      List<String> whereabouts,
      boolean consent,
      String statement,
      Random random) {
    UUID child =
        aChild()
            .inHome(home)
            .named(given, family)
            .with("aliases", given.equals(TARGET_GIVEN) ? List.of(TARGET_ALIAS) : List.of())
            .gender(gender)
            .nationality(nationality)
            .bornOn(seen.toLocalDate().minusYears(age).minusDays(1 + random.nextInt(300)))
            .create();
    ourKeys.add(childKeys.keyOf(child));
    String staff = staffOf(home);
    UUID kase = aReport().of(child).by(staff).lastSeen(seen).risk(risk).create().id();
    OffsetDateTime back = seen.plusSeconds(Math.round(hours * 3600));
    aReturn().of(kase).by(staff).at(back).create();
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", back.plusHours(2 + random.nextInt(100)).toString());
    d.put("interviewerRole", random.nextBoolean() ? "SOCIAL_WORKER" : "INDEPENDENT_INTERVIEWER");
    d.put("interviewerIndependent", random.nextBoolean());
    d.put("interpreterUsed", true);
    d.put("language", language);
    d.put("consentToResearch", consent);
    d.put("reasons", reasons);
    d.put("whereabouts", whereabouts);
    d.put("exploitationIndicators", List.of("NONE_OBSERVED"));
    d.put("childStatement", statement);
    as(staff).post("/api/v1/cases/" + kase + "/debrief", d);
    return child;
  }

  private static List<String> pick(Random random, String[] from, int count) {
    List<String> picked = new ArrayList<>();
    while (picked.size() < count) {
      String s = from[random.nextInt(from.length)];
      if (!picked.contains(s)) {
        picked.add(s);
      }
    }
    return picked;
  }

  private Json survival(LocalDate from, LocalDate to, String width) {
    return as(researcher)
        .get("/api/v1/research/survival?from=" + from + "&to=" + to + "&width=" + width);
  }

  private List<Json> rows() {
    return as(researcher).get("/api/v1/research/debriefs").list();
  }

  // ---- uniqueness over every published field ----

  @Test
  void everyPublishedRowSharesAllItsQuasiIdentifiersWithAtLeastTwoOtherChildren() throws Exception {
    List<Json> rows = rows();
    assertEquals(List.of(), PublishedClasses.smallerThanK(PublishedClasses.ofJson(rows)));
    long ours = rows.stream().filter(r -> ourKeys.contains(r.string("childKey"))).count();
    assertTrue(ours >= 25, "published of the 40: " + ours);

    HttpResponse<String> csv =
        as(researcher).exchange(HttpRequest.GET("/api/v1/research/debriefs.csv"));
    List<CSVRecord> records = PublishedClasses.csv(csv.body());
    assertEquals(List.of(), PublishedClasses.smallerThanK(PublishedClasses.ofCsv(records)));
    assertEquals(rows.size(), records.size());

    // The levels used and the rows withheld are published with the rows.
    Json protection = as(researcher).get("/api/v1/research/debriefs/protection");
    assertEquals(rows.size(), protection.integer("rowsPublished"));
    assertEquals(
        String.valueOf(protection.integer("rowsWithheld")),
        csv.header(ResearchController.ROWS_WITHHELD));
    for (Json row : rows) {
      assertEquals(protection.object("generalisation"), row.object("generalisation"));
    }
    String coordinator = aUser().coordinator().create();
    problemOf(403, () -> as(coordinator).get("/api/v1/research/debriefs/protection"));
  }

  // ---- differencing the survival curve ----

  @Test
  void theCurvesBeforeAndAfterHerCaseDoNotTellHerDuration() {
    for (String width : List.of("24", "6")) {
      Json was = before.get(width).at("[0]");
      Json is = after.get(width).at("[0]");
      assertEquals("all", is.string("key"));
      assertEquals(was.string("widthHours"), is.string("widthHours"));
      for (Json step : is.list("curve.steps")) {
        double hours = step.decimal("hours");
        assertEquals(0, hours % Integer.parseInt(width), 1e-9, "a step between intervals");
        assertNotEquals(TARGET_HOURS, hours, 0.5);
      }
    }
    // The answer depends on her duration only through its interval: anywhere in (144, 168] h
    // gives the same curve by the day, anywhere in (156, 162] h the same by six hours.
    Map<String, double[]> within =
        Map.of("24", new double[] {144.01, 168}, "6", new double[] {156.01, 162});
    for (Map.Entry<String, double[]> w : within.entrySet()) {
      for (double hours : w.getValue()) {
        returnedAfter(hours);
        assertEquals(after.get(w.getKey()), survival(from, to, w.getKey()), hours + " h");
      }
    }
    returnedAfter(TARGET_HOURS);
    assertEquals(after.get("24"), survival(from, to, "24"));
  }

  private void returnedAfter(double hours) {
    sql(
        "UPDATE disappearance_case SET returned_at = last_seen_at + make_interval(secs => ?)"
            + " WHERE id = ?",
        hours * 3600,
        targetCase);
  }

  @Test
  void noCountFromOneToFourIsPublishedOrRecoveredFromAdjacentPeriods() {
    LocalDate firstEnd = split.minusDays(1);
    List<String> small = new ArrayList<>();
    for (String width : List.of("24", "6", "168")) {
      Json a = survival(from, firstEnd, width);
      Json b = survival(split, to, width);
      Json ab = survival(from, to, width);
      for (Json answer : List.of(a, b, ab, before.getOrDefault(width, ab))) {
        small.addAll(smallCounts(answer));
      }
      // Cumulative returns by each time, over the two periods and both together.
      DifferencingAttack attack = new DifferencingAttack();
      Set<Double> times = new TreeSet<>();
      for (Json answer : List.of(a, b, ab)) {
        for (Json group : answer.list()) {
          group.list("curve.steps").forEach(s -> times.add(s.decimal("hours")));
        }
      }
      for (String key : List.of("all", "13-15", "16-17")) {
        Map<String, Json> curves = new HashMap<>();
        for (Map.Entry<String, Json> p : Map.of("A", a, "B", b, "AB", ab).entrySet()) {
          p.getValue().list().stream()
              .filter(g -> g.string("key").equals(key))
              .findFirst()
              .ifPresent(g -> curves.put(p.getKey(), g));
        }
        if (curves.size() < 3) {
          continue; // a group too small for a curve in some period publishes nothing there
        }
        String previous = null;
        for (double t : times) {
          for (String p : List.of("A", "B", "AB")) {
            long returned =
                curves.get(p).list("curve.steps").stream()
                    .filter(s -> s.decimal("hours") <= t)
                    .mapToLong(s -> s.number("returned"))
                    .sum();
            // Cumulative returns are rounded down to a multiple of 5.
            attack.between(key + p + t, returned, returned + RoundedSurvivalRule.MINIMUM - 1);
            if (previous != null) {
              String step = key + p + "step" + t;
              attack.between(step, 0, 1000);
              attack.sum(key + p + t, List.of(key + p + previous, step), true);
            }
          }
          attack.sum(key + "AB" + t, List.of(key + "A" + t, key + "B" + t), true);
          previous = String.valueOf(t);
        }
      }
      attack.solve();
      attack.recovered(1, 4).stream()
          .filter(r -> r.contains("step") || r.contains("contradicts"))
          .forEach(r -> small.add("width " + width + ": " + r));
    }
    assertEquals(List.of(), small);
  }

  /** Published counts from 1 to 4 in a survival answer. */
  private static List<String> smallCounts(Json answer) {
    List<String> small = new ArrayList<>();
    for (Json group : answer.list()) {
      List<Long> counts = new ArrayList<>();
      counts.add(group.number("publishedCases"));
      counts.add(group.number("curve.cases"));
      counts.add(group.number("curve.returned"));
      for (Json step : group.list("curve.steps")) {
        counts.add(step.number("atRisk"));
        counts.add(step.number("returned"));
      }
      counts.stream()
          .filter(n -> n >= 1 && n <= 4)
          .forEach(n -> small.add(group.string("key") + ": " + n));
    }
    return small;
  }

  /** The rule as the attacker reads it from the answer. */
  private static final class RoundedSurvivalRule {
    static final int MINIMUM = 5;
  }

  // ---- the statement ----

  @Test
  void herStatementIsRedactedBeforeApprovalAndOnlyTheRedactedTextIsPublished() throws Exception {
    Json quotes = as(researcher).get("/api/v1/research/quotes");
    List<String> texts = quotes.strings("[*].statement");
    assertTrue(texts.contains(REDACTED), texts.toString());
    String id = quotes.strings("[?(@.statement == '" + REDACTED + "')].id").get(0);
    as(researcher).post("/api/v1/research/quotes/" + id + "/approval", Map.of());

    String rowsJson = as(researcher).get("/api/v1/research/debriefs").toString();
    String csv = as(researcher).exchange(HttpRequest.GET("/api/v1/research/debriefs.csv")).body();
    String queue = as(researcher).get("/api/v1/research/quotes").toString();
    byte[] pdf =
        http()
            .exchange(
                HttpRequest.GET("/api/v1/research/report?from=" + from + "&to=" + to)
                    .bearerAuth(researcher)
                    .accept("application/pdf"),
                byte[].class)
            .body();
    String report;
    try (PDDocument document = Loader.loadPDF(pdf)) {
      report = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
    assertTrue(
        report.contains("[adress] i Gävle"), "the approved, redacted quote is in the report");
    Map<String, String> published =
        Map.of("rows", rowsJson, "CSV", csv, "quotes", queue, "report", report);
    List<String> found = new ArrayList<>();
    published.forEach(
        (where, text) -> {
          for (String secret : SECRETS) {
            if (Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(secret) + "(?![\\p{L}\\d])")
                .matcher(text)
                .find()) {
              found.add(secret + " in " + where);
            }
          }
        });
    assertEquals(List.of(), found);
    assertFalse(texts.contains(STATEMENT));
  }

  // ---- figures for the README ----

  private String rawFigures() {
    // Every field the rows published before, exactly as they were published, over the 39.
    String rows =
        "SELECT m.county_code, to_char(d.last_seen_at, 'YYYY-\"Q\"Q') AS quarter,"
            + " d.child_age AS age, c.gender, c.nationality,"
            + " round((extract(epoch FROM d.returned_at - d.last_seen_at) / 3600)::numeric, 2)"
            + " AS hours, b.language, d.risk_level, b.outcome, b.interviewer_role"
            + " FROM disappearance_case d JOIN child c ON c.id = d.child_id"
            + " JOIN debrief b ON b.case_id = d.id"
            + " LEFT JOIN municipality m ON m.code = d.home_municipality_code"
            + " WHERE d.last_seen_at >= ?::date AND d.last_seen_at < ?::date";
    List<Object> sizes =
        column(
            "SELECT count(*) FROM ("
                + rows
                + ") r GROUP BY county_code, quarter, age, gender, nationality, hours, language,"
                + " risk_level, outcome, interviewer_role",
            from.toString(),
            to.plusDays(1).toString());
    long unique = sizes.stream().filter(n -> ((Number) n).longValue() == 1).count();
    return String.format(
        "before: %d rows over every field the rows published (exact hours, language, risk,"
            + " outcome, interviewer beside the generalised ones): %d classes, %d of one row%n",
        sizes.stream().mapToLong(n -> ((Number) n).longValue()).sum(), sizes.size(), unique);
  }

  @Test
  void figuresOfTheAttackBeforeAndAfter() throws Exception {
    List<Json> rows = rows();
    Json protection = as(researcher).get("/api/v1/research/debriefs/protection");
    Map<Map<String, String>, Set<String>> classes = PublishedClasses.ofJson(rows);
    long ours = rows.stream().filter(r -> ourKeys.contains(r.string("childKey"))).count();
    boolean targetPublished = rows.stream().anyMatch(r -> targetKey.equals(r.string("childKey")));
    StringBuilder out = new StringBuilder(rawFigures);
    out.append(
        String.format(
            "after: %d of the 40 rows published (%d rows in all, %d withheld), %d classes over"
                + " every published field, smallest %d children; the target's row %s; levels %s;"
                + " information loss %s%n",
            ours,
            rows.size(),
            protection.integer("rowsWithheld"),
            classes.size(),
            classes.values().stream().mapToInt(Set::size).min().orElse(0),
            targetPublished ? "published" : "withheld",
            protection.object("generalisation"),
            protection.string("informationLoss")));
    for (String width : List.of("24", "6")) {
      out.append(
          String.format(
              "survival by %s h, all children: before %s; after %s%n",
              width, steps(before.get(width).at("[0]")), steps(after.get(width).at("[0]"))));
    }
    Path file = Path.of("target", "research-attack.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString());
    assertTrue(out.length() > 0);
  }

  private static String steps(Json group) {
    StringBuilder s = new StringBuilder("cases " + group.string("publishedCases") + ", steps");
    for (Json step : group.list("curve.steps")) {
      s.append(
          String.format(
              " %s h (%s at risk, %s back, %.3f)",
              step.string("hours"),
              step.string("atRisk"),
              step.string("returned"),
              step.decimal("stillMissing")));
    }
    return s.toString();
  }
}
