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
    researcher = userToken("RESEARCHER", Map.of());
    coordinator = userToken("COORDINATOR", Map.of());
    history.write(newHome(TYRESO_CENTRUM), 30, 1);
    history.write(newHome(MALMO), 25, 2);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    from = today.minusDays(400);
    to = today.minusDays(15);
    UUID home = newHome(TYRESO_CENTRUM);
    String staff = userToken("HVB_STAFF", Map.of("homeId", home));
    debriefed(home, staff, true, APPROVED);
    debriefed(home, staff, true, UNAPPROVED);
    debriefed(home, staff, false, UNCONSENTED);
  }

  /** A case a month ago, back a day later, debriefed with the child's own words. */
  private void debriefed(UUID home, String staff, boolean consent, String statement) {
    Map<String, Object> p = profile(home, "Qwenta", "Zorbasson");
    p.put("dossierNumber", "UM-" + UUID.randomUUID().toString().substring(0, 8));
    personal(p.get("dossierNumber"));
    UUID child = newChild(staff, p);
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(30).truncatedTo(ChronoUnit.SECONDS);
    String kase =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    Map.of(
                        "lastSeenAt",
                        seen.toString(),
                        "lastSeenLocation",
                        TYRESO_CENTRUM,
                        "riskLevel",
                        "HIGH"))
                .get("id");
    post(
        staff,
        "/api/v1/cases/" + kase + "/return",
        Map.of(
            "returnedAt", seen.plusDays(1).toString(), "foundBy", "Polis", "condition", "Trött"));
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", seen.plusDays(2).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("consentToResearch", consent);
    d.put("reasons", List.of("TO_REACH_RELATIVES"));
    d.put("childStatement", statement);
    post(staff, "/api/v1/cases/" + kase + "/debrief", d);
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
    List<Map<String, Object>> quotes = getList(researcher, "/api/v1/research/quotes");
    List<Object> texts = quotes.stream().map(q -> q.get("statement")).toList();
    assertTrue(texts.contains(APPROVED) && texts.contains(UNAPPROVED), texts.toString());
    assertFalse(texts.contains(UNCONSENTED), "no quote without consent");
    Object approvedId =
        quotes.stream()
            .filter(q -> APPROVED.equals(q.get("statement")))
            .findFirst()
            .orElseThrow()
            .get("id");
    Map<String, Object> approved =
        post(researcher, "/api/v1/research/quotes/" + approvedId + "/approval", Map.of());
    assertEquals(true, approved.get("approved"));
    assertEquals(
        1L,
        ((Number) column("SELECT count(*) FROM audit_event WHERE action = 'QUOTE_APPROVED'").get(0))
            .longValue());

    byte[] first = pdf(researcher);
    byte[] second = pdf(coordinator);
    assertArrayEquals(first, second, "the same data and period give the same bytes");
    Path out = Path.of("target", "report");
    Files.createDirectories(out);
    Files.write(out.resolve("demo-report.pdf"), first);

    Map<String, Object> stats = get(researcher, "/api/v1/research/statistics?" + period());
    List<Map<String, Object>> survival =
        getList(researcher, "/api/v1/research/survival?" + period());
    String text;
    try (PDDocument document = Loader.loadPDF(first)) {
      assertTrue(document.getNumberOfPages() >= 4, "pages: " + document.getNumberOfPages());
      text = new PDFTextStripper().getText(document).replaceAll("[ \\u00a0]+", " ");
      Files.writeString(out.resolve("demo-report.txt"), text);
    }
    Map<?, ?> cases = (Map<?, ?>) stats.get("cases");
    Map<?, ?> children = (Map<?, ?>) stats.get("children");
    Map<?, ?> referrals = (Map<?, ?>) stats.get("referrals");
    Map<?, ?> debriefs = (Map<?, ?>) stats.get("debriefs");
    assertTrue(
        text.contains("Försvinnanden " + number(((Number) cases.get("total")).longValue())), text);
    assertTrue(
        text.contains("Barn som försvann " + number(((Number) children.get("total")).longValue())),
        text);
    assertTrue(
        text.contains(
            "Remisser till regionkoordinatorer mot människohandel "
                + ((Number) referrals.get("total")).longValue()),
        text);
    assertTrue(
        text.contains(
            "Registrerade återkomstsamtal " + ((Number) debriefs.get("debriefs")).longValue()),
        text);
    Map<String, String> bands = Map.of("13-15", "13–15 år", "16-17", "16–17 år");
    for (Map.Entry<?, ?> band : ((Map<?, ?>) cases.get("byAgeBand")).entrySet()) {
      String label = bands.get(band.getKey().toString());
      if (label != null) {
        assertTrue(text.contains(label + " " + band.getValue()), "age band " + band);
      }
    }
    // The curves: the median of all children as the report states it.
    Map<String, Object> all = survival.get(0);
    assertEquals("all", all.get("key"));
    Map<?, ?> curve = (Map<?, ?>) all.get("curve");
    String median = ReportDocument.hours(((Number) curve.get("medianHours")).doubleValue());
    assertTrue(text.contains("Alla barn " + cases.get("total") + " " + median), text);
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
        http()
            .retrieve(
                HttpRequest.GET("/api/v1/research/report?" + period())
                    .bearerAuth(researcher)
                    .accept("text/html"),
                String.class);
    assertTrue(html.contains(APPROVED));
    assertFalse(html.contains(UNAPPROVED));
    assertTrue(html.contains("<svg"));

    // Withdrawn, the quote leaves the report.
    http()
        .exchange(
            HttpRequest.DELETE("/api/v1/research/quotes/" + approvedId + "/approval")
                .bearerAuth(researcher),
            Map.class);
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
      secrets.add((String) name);
    }
    for (Object value :
        column(
            "SELECT DISTINCT date_of_birth::text FROM child WHERE date_of_birth IS NOT NULL"
                + " UNION SELECT DISTINCT dossier_number FROM child WHERE dossier_number IS NOT NULL"
                + " UNION SELECT DISTINCT guardian_phone FROM child WHERE guardian_phone IS NOT NULL"
                + " UNION SELECT DISTINCT phone FROM recipient_contact")) {
      secrets.add((String) value);
    }
    // Erased records hold empty names: nothing to look for there.
    secrets.removeIf(secret -> secret == null || secret.isBlank());
    return secrets;
  }

  private static String survivalFigures(List<Map<String, Object>> survival) {
    StringBuilder s = new StringBuilder();
    for (Map<String, Object> group : survival) {
      Map<?, ?> c = (Map<?, ?>) group.get("curve");
      s.append(group.get("label"))
          .append(": cases ")
          .append(c.get("cases"))
          .append(" (published ")
          .append(group.get("publishedCases"))
          .append("), returned ")
          .append(c.get("returned"))
          .append(", median ")
          .append(c.get("medianHours"))
          .append(" h, 95 % CI ")
          .append(c.get("medianLowerHours"))
          .append(" – ")
          .append(c.get("medianUpperHours"))
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
    problem(400, () -> report(researcher, ""));
    problem(400, () -> report(researcher, "?from=2026-01-01"));
    Map<String, Object> backwards =
        problem(422, () -> report(researcher, "?from=2026-05-01&to=2026-04-01"));
    assertEquals(List.of("to"), errorFields(backwards));
    problem(400, () -> report(researcher, "?from=yesterday&to=2026-04-01"));
    problem(
        403,
        () -> report(userToken("POLICE", Map.of("policeRegion", "STOCKHOLM")), "?" + period()));
    problem(
        404,
        () ->
            post(
                researcher,
                "/api/v1/research/quotes/" + UUID.randomUUID() + "/approval",
                Map.of()));
    problem(403, () -> get(coordinator, "/api/v1/research/quotes"));
  }
}
