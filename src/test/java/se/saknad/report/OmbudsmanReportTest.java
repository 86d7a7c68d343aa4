package se.saknad.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.demo.DemoHistory;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

/** The report rendered from the demo's year of history, read back with PDFBox. */
@MicronautTest(transactional = false)
class OmbudsmanReportTest extends ApiTest {
  private static final String APPROVED = "Jag var rädd och ville bara hitta min kusin.";
  private static final String UNAPPROVED = "Mannen på stationen sa att jag skulle jobba för honom.";
  private static final String UNCONSENTED = "Detta sa jag bara till min socialsekreterare.";

  @Inject DemoHistory history;

  private String researcher;
  private String coordinator;
  private LocalDate from;
  private LocalDate to;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    // The first PDF of a fresh JVM loads the renderer and the fonts: seconds on a busy machine.
    p.put("micronaut.http.client.read-timeout", "60s");
    return p;
  }

  @BeforeAll
  void aYearOfHistoryAndThreeStatements() {
    researcher = aUser().researcher().create();
    coordinator = aUser().coordinator().create();
    history.write(aHome().at(TYRESO_CENTRUM).create(), 30, 1);
    history.write(aHome().at(MALMO).create(), 25, 2);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    from = today.minusDays(400);
    to = today.minusDays(15);
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    debriefed(home, staff, true, APPROVED);
    debriefed(home, staff, true, UNAPPROVED);
    debriefed(home, staff, false, UNCONSENTED);
    // Six concerns a month ago that a child misses school: the report states them as published.
    UUID worried =
        aChild().inHome(home).named("Qwenta", "Orosson").withDossier().by(staff).create();
    for (int i = 0; i < 6; i++) {
      as(staff)
          .post(
              "/api/v1/children/" + worried + "/concerns",
              Map.of(
                  "observedAt",
                  OffsetDateTime.now(ZoneOffset.UTC).minusDays(31).plusMinutes(i).toString(),
                  "signs",
                  List.of("MISSES_SCHOOL"),
                  "note",
                  ""));
    }
  }

  /** A case a month ago, back a day later, debriefed with the child's own words. */
  private void debriefed(UUID home, String staff, boolean consent, String statement) {
    UUID child =
        aChild().inHome(home).named("Qwenta", "Zorbasson").withDossier().by(staff).create();
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(30).truncatedTo(ChronoUnit.SECONDS);
    UUID kase = aReport().of(child).by(staff).lastSeen(seen).risk("HIGH").create().id();
    aReturn().of(kase).by(staff).at(seen.plusDays(1)).condition("Trött").create();
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", seen.plusDays(2).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("consentToResearch", consent);
    d.put("reasons", List.of("TO_REACH_RELATIVES"));
    d.put("childStatement", statement);
    as(staff).post("/api/v1/cases/" + kase + "/debrief", d);
  }

  private String period() {
    return "from=" + from + "&to=" + to;
  }

  private byte[] pdf(String token) {
    HttpResponse<byte[]> answer =
        http()
            .exchange(
                HttpRequest.GET("/api/v1/research/report?" + period())
                    .bearerAuth(token)
                    .accept("application/pdf"),
                byte[].class);
    assertEquals("application/pdf", answer.getContentType().orElseThrow().toString());
    return answer.body();
  }

  private static String number(long n) {
    return String.valueOf(n);
  }

  @Test
  void theReportOfTheDemoHistoryStatesThePublishedStatisticsAndApprovedQuotesOnly()
      throws Exception {
    // The researcher approves one of the two consenting statements; the other stays out.
    Json quotes = as(researcher).get("/api/v1/research/quotes");
    List<String> texts = quotes.strings("[*].statement");
    assertTrue(texts.contains(APPROVED) && texts.contains(UNAPPROVED), texts.toString());
    assertFalse(texts.contains(UNCONSENTED), "no quote without consent");
    String approvedId = quotes.strings("[?(@.statement == '" + APPROVED + "')].id").get(0);
    Json approved =
        as(researcher).post("/api/v1/research/quotes/" + approvedId + "/approval", Map.of());
    assertEquals(true, approved.flag("approved"));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'QUOTE_APPROVED' AND case_id ="
                + " (SELECT case_id FROM report_quote WHERE id = ?::uuid)",
            approvedId));

    byte[] first = pdf(researcher);
    byte[] second = pdf(coordinator);
    assertArrayEquals(first, second, "the same data and period give the same bytes");
    Path out = Path.of("target", "report");
    Files.createDirectories(out);
    Files.write(out.resolve("demo-report.pdf"), first);

    Json stats = as(researcher).get("/api/v1/research/statistics?" + period());
    Json survival = as(researcher).get("/api/v1/research/survival?" + period());
    String text;
    try (PDDocument document = Loader.loadPDF(first)) {
      assertTrue(document.getNumberOfPages() >= 4, "pages: " + document.getNumberOfPages());
      text = new PDFTextStripper().getText(document).replaceAll("[ \\u00a0]+", " ");
      Files.writeString(out.resolve("demo-report.txt"), text);
    }
    long casesTotal = stats.number("cases.total");
    assertTrue(text.contains("Försvinnanden " + number(casesTotal)), text);
    assertTrue(text.contains("Barn som försvann " + number(stats.number("children.total"))), text);
    assertTrue(
        text.contains(
            "Remisser till regionkoordinatorer mot människohandel "
                + stats.number("referrals.total")),
        text);
    assertTrue(
        text.contains("Registrerade återkomstsamtal " + stats.number("debriefs.debriefs")), text);
    long concerns = stats.number("concerns.total");
    assertTrue(concerns >= 5, "the period's concerns: " + concerns);
    assertTrue(text.contains("Oro före försvinnanden"), text);
    assertTrue(text.contains("Orosanmälningar " + concerns), text);
    assertTrue(
        text.contains(
            "Barn som försvann upprepade gånger " + stats.number("concerns.repeatChildren")),
        text);
    assertTrue(
        text.contains("Uteblir från skolan " + stats.number("concerns.bySign.MISSES_SCHOOL")),
        text);
    Map<String, String> bands = Map.of("13-15", "13–15 år", "16-17", "16–17 år");
    for (String band : stats.keys("cases.byAgeBand")) {
      String label = bands.get(band);
      if (label != null) {
        long count = stats.number("cases.byAgeBand['" + band + "']");
        assertTrue(text.contains(label + " " + count), "age band " + band + "=" + count);
      }
    }
    // The curves: the median of all children as the report states it.
    Json all = survival.at("[0]");
    assertEquals("all", all.string("key"));
    String median = ReportDocument.hours(all.decimal("curve.medianHours"));
    assertTrue(text.contains("Alla barn " + casesTotal + " " + median), text);
    Files.writeString(out.resolve("demo-survival.txt"), survivalFigures(survival));

    assertTrue(text.contains(APPROVED), "the approved quote");
    for (String secret : forbidden()) {
      assertFalse(
          Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(secret) + "(?![\\p{L}\\d])")
              .matcher(text)
              .find(),
          "the report shows " + secret);
    }

    // The printable HTML says the same.
    String html =
        as(researcher)
            .exchange(HttpRequest.GET("/api/v1/research/report?" + period()).accept("text/html"))
            .body();
    assertTrue(html.contains(APPROVED));
    assertFalse(html.contains(UNAPPROVED));
    assertTrue(html.contains("<svg"));

    // Withdrawn, the quote leaves the report.
    as(researcher).delete("/api/v1/research/quotes/" + approvedId + "/approval");
    try (PDDocument document = Loader.loadPDF(pdf(researcher))) {
      assertFalse(new PDFTextStripper().getText(document).contains(APPROVED));
    }
  }

  /** Names, birth dates, dossier numbers and phones of every child, and the unpublished words. */
  private List<String> forbidden() {
    List<String> secrets = new ArrayList<>(List.of(UNAPPROVED, UNCONSENTED));
    for (Object name :
        column(
            "SELECT DISTINCT given_name FROM child UNION SELECT DISTINCT family_name FROM child")) {
      secrets.add(name == null ? null : name.toString());
    }
    for (Object value :
        column(
            "SELECT DISTINCT date_of_birth::text FROM child WHERE date_of_birth IS NOT NULL"
                + " UNION SELECT DISTINCT dossier_number FROM child WHERE dossier_number IS NOT NULL"
                + " UNION SELECT DISTINCT guardian_phone FROM child WHERE guardian_phone IS NOT NULL"
                + " UNION SELECT DISTINCT phone FROM recipient_contact")) {
      secrets.add(value == null ? null : value.toString());
    }
    // Erased records hold empty names: nothing to look for there.
    secrets.removeIf(secret -> secret == null || secret.isBlank());
    return secrets;
  }

  private static String survivalFigures(Json survival) {
    StringBuilder s = new StringBuilder();
    for (Json group : survival.list()) {
      s.append(group.string("label"))
          .append(": cases ")
          .append(group.string("curve.cases"))
          .append(" (published ")
          .append(group.string("publishedCases"))
          .append("), returned ")
          .append(group.string("curve.returned"))
          .append(", median ")
          .append(group.string("curve.medianHours"))
          .append(" h, 95 % CI ")
          .append(group.string("curve.medianLowerHours"))
          .append(" – ")
          .append(group.string("curve.medianUpperHours"))
          .append(" h\n");
    }
    return s.toString();
  }

  private void report(String token, String query) {
    http()
        .exchange(
            HttpRequest.GET("/api/v1/research/report" + query)
                .bearerAuth(token)
                .accept("application/pdf, application/problem+json"),
            byte[].class);
  }

  @Test
  void aPeriodIsRequiredAndMustRunForwards() {
    problemOf(400, () -> report(researcher, ""));
    problemOf(400, () -> report(researcher, "?from=2026-01-01"));
    Json backwards = problemOf(422, () -> report(researcher, "?from=2026-05-01&to=2026-04-01"));
    assertEquals(List.of("to"), errorFields(backwards));
    problemOf(400, () -> report(researcher, "?from=yesterday&to=2026-04-01"));
    String police = aUser().police("STOCKHOLM").create();
    problemOf(403, () -> report(police, "?" + period()));
    problemOf(
        404,
        () ->
            as(researcher)
                .post("/api/v1/research/quotes/" + UUID.randomUUID() + "/approval", Map.of()));
    problemOf(403, () -> as(coordinator).get("/api/v1/research/quotes"));
  }
}
