package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import se.saknad.support.ApiTest;
import se.saknad.support.PdfStandards;

/**
 * The search sheet as PDF (`GET /cases/{id}/search-sheet.pdf`): one A4 page of PDF/UA for every
 * reader of the case, with what that reader may see and nothing more, audited.
 */
@MicronautTest(transactional = false)
class PrintedSearchSheetTest extends ApiTest {
  @Inject EmbeddedServer server;

  private final HttpClient raw = HttpClient.newHttpClient();
  private UUID home;
  private String staff;
  private String police;
  private String policeSouth;
  private String coordinator;

  @BeforeAll
  void aHomeAndItsReaders() {
    home =
        aHome().named("HVB Utskriften").at(TYRESO_CENTRUM).with("phone", "08-555 01 02").create();
    staff = staffOf(home);
    UUID desk =
        aRecipient()
            .named("Polisen RLC Stockholm (utskrift)")
            .police()
            .coveringRegion("STOCKHOLM")
            .contact("Vakthavande", "+46701888301")
            .create();
    police = aUser().police("STOCKHOLM").forRecipient(desk).create();
    policeSouth = aUser().police("SYD").create();
    coordinator = aUser().coordinator().create();
  }

  private String missing(UUID child, String place, String clothing) {
    return aReport()
        .of(child)
        .by(staff)
        .minutesAgo(130)
        .lastSeenAt(TYRESO_CENTRUM)
        .place(place)
        .clothing(clothing)
        .risk("HIGH")
        .create()
        .string("id");
  }

  private HttpResponse<byte[]> sheet(String token, String caseId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create(server.getURL() + "/api/v1/cases/" + caseId + "/search-sheet.pdf"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return raw.send(request.GET().build(), BodyHandlers.ofByteArray());
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  private void photo(UUID child) throws Exception {
    String boundary = "saknad" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"foto\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(SearchSheetTest.picture(600, 800, "jpg"));
    body.write(
        ("\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"takenOn\"\r\n\r\n2026-05-01\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        raw.send(
            HttpRequest.newBuilder(
                    URI.create(server.getURL() + "/api/v1/children/" + child + "/photos"))
                .header("Authorization", "Bearer " + staff)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            BodyHandlers.ofString());
    assertEquals(201, answer.statusCode(), answer.body());
  }

  @Test
  void policePrintOneAccessibleA4PageWithWhatTheSearchNeeds() throws Exception {
    UUID child =
        aChild()
            .inHome(home)
            .named("Utskriven", "Familjenamnsson")
            .dossier("UT-" + UUID.randomUUID().toString().substring(0, 6))
            .create();
    photo(child);
    String caseId = missing(child, "Tyresö centrum, vid busshållplatsen", "Grön parkas, gympaskor");
    as(coordinator)
        .put(
            "/api/v1/cases/" + caseId + "/police-reference",
            Map.of(
                "reference",
                "5000-K424242-26",
                "sisAlert",
                true,
                "sisCategory",
                "MISSING_TO_BE_PROTECTED"));
    String code = as(staff).get("/api/v1/cases/" + caseId).string("code");

    HttpResponse<byte[]> answer = sheet(police, caseId);
    assertEquals(200, answer.statusCode());
    assertEquals("application/pdf", answer.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
    byte[] pdf = answer.body();
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/search-sheet.pdf"), pdf);

    assertEquals(List.of(), PdfStandards.violations(pdf, PDFAFlavour.PDFUA_1));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertEquals(1, document.getNumberOfPages(), "one A4 page");
      PDRectangle size = document.getPage(0).getMediaBox();
      assertEquals(PDRectangle.A4.getWidth(), size.getWidth(), 1);
      assertEquals(PDRectangle.A4.getHeight(), size.getHeight(), 1);
      assertTrue(document.getDocumentCatalog().getMarkInfo().isMarked(), "Tagged: yes");
      assertEquals("sv-SE", document.getDocumentCatalog().getLanguage());
      assertEquals("Sökblad, ärende " + code, document.getDocumentInformation().getTitle());
      PDPage page = document.getPage(0);
      boolean image = false;
      for (COSName name : page.getResources().getXObjectNames()) {
        image |= page.getResources().getXObject(name) instanceof PDImageXObject;
      }
      assertTrue(image, "the photo is on the sheet");
      for (COSName name : page.getResources().getFontNames()) {
        PDFont font = page.getResources().getFont(name);
        assertTrue(font.isEmbedded(), font.getName());
      }
    }
    String text = text(pdf);
    for (String expected :
        List.of(
            "Utskriven",
            "år",
            "Kort, mörkt hår, ärr på vänster hand",
            "Grön parkas, gympaskor",
            "dari",
            "persiska",
            "Tyresö centrum, vid busshållplatsen",
            "Tyresö",
            "Hög",
            "tidigare försvinnanden",
            "112",
            "HVB Utskriften",
            "+4685550102",
            code,
            "5000-K424242-26",
            "Fotot är taget 1 maj 2026",
            // everything a yellow notice needs is in the profile: said so, without the values
            "Uppgifter för Interpols gula notis",
            "Efternamn: finns; Förnamn: finns; Kön: finns; Födelseår: finns;"
                + " Foto eller signalement: finns.")) {
      assertTrue(text.contains(expected), expected + " in: " + text);
    }
    assertFalse(text.contains("Familjenamnsson"), "police may not read the profile");
    assertFalse(text.contains("UT-"), "no dossier number on a sheet");

    assertEquals(
        1L,
        count(
            "SELECT count(*) FROM audit_event WHERE action = 'SEARCH_SHEET_READ'"
                + " AND case_id = ?::uuid AND actor_role = 'POLICE' AND child_id = ?",
            caseId,
            child));
  }

  @Test
  void whoMayReadTheProfileSeesTheFamilyNameOnTheSheet() throws Exception {
    UUID child = aChild().inHome(home).named("Fullständig", "Namnsdottir").create();
    String caseId = missing(child, "Tyresö strand", "Blå jacka");
    String forStaff = text(sheet(staff, caseId).body());
    assertTrue(forStaff.contains("Fullständig Namnsdottir"), forStaff);
    assertTrue(forStaff.contains("Inget foto finns."), forStaff);
    String forPolice = text(sheet(police, caseId).body());
    assertTrue(forPolice.contains("Fullständig"), forPolice);
    assertFalse(forPolice.contains("Namnsdottir"), forPolice);
  }

  @Test
  void theSheetSaysWhichIdentifiersOfAYellowNoticeTheProfileLacks() throws Exception {
    UUID child =
        aChild()
            .inHome(home)
            .named("Gulnotis", "Saknarsson")
            .gender("UNKNOWN")
            .with("dateOfBirth", null)
            .with("estimatedBirthYear", java.time.LocalDate.now().getYear() - 16)
            .with("description", "")
            .create();
    String caseId = missing(child, "Tyresö centrum", "Svart jacka");
    String text = text(sheet(police, caseId).body());
    assertTrue(text.contains("Uppgifter för Interpols gula notis"), text);
    assertTrue(
        text.contains(
            "Efternamn: finns; Förnamn: finns; Kön: saknas; Födelseår: finns;"
                + " Foto eller signalement: saknas"),
        text);
    assertTrue(text.contains("Fyll i det som saknas i profilen."), text);
    // The family name is there, and the police still do not read it.
    assertFalse(text.contains("Saknarsson"), text);
  }

  @Test
  void theLongestTextsAProfileAndAReportMayHoldStillFitOnePage() throws Exception {
    String words = "ord ".repeat(600);
    UUID child =
        aChild()
            .inHome(home)
            .named("Långtext", "Sidansson")
            .with("description", words.substring(0, 2000))
            .with("languages", List.of("prs", "fa", "ps", "ar", "so", "ti", "am", "ku", "ur", "en"))
            .riskIndicators(
                "PREVIOUS_DISAPPEARANCE",
                "SUSPECTED_TRAFFICKING",
                "SUSPECTED_EXPLOITATION",
                "CONTACT_WITH_UNKNOWN_ADULTS",
                "SUBSTANCE_USE",
                "SELF_HARM",
                "MENTAL_HEALTH_NEEDS",
                "MEDICAL_NEEDS",
                "AGE_ASSESSMENT_PENDING",
                "DEPORTATION_DECISION",
                "RELATIVES_ELSEWHERE")
            .create();
    photo(child);
    String caseId = missing(child, words.substring(0, 300), words.substring(0, 1000));
    byte[] pdf = sheet(coordinator, caseId).body();
    Files.write(Path.of("target/search-sheet-longest.pdf"), pdf);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertEquals(1, document.getNumberOfPages());
    }
    assertTrue(text(pdf).contains("hela texten i Saknad"), "a cut text says so");
  }

  @Test
  void aReaderOutsideTheCaseGetsNoSheet() throws Exception {
    UUID child = aChild().inHome(home).named("Utanför", "Skopsson").create();
    String caseId = missing(child, "Tyresö", "Röd tröja");
    assertEquals(404, sheet(policeSouth, caseId).statusCode(), "out of the police region");
    assertEquals(
        403, sheet(aUser().role("RESEARCHER").create(), caseId).statusCode(), "never a researcher");
    assertEquals(401, sheet(null, caseId).statusCode());
    HttpResponse<byte[]> bad = sheet(police, "not-a-case");
    assertEquals(400, bad.statusCode());
    assertTrue(
        bad.headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .startsWith("application/problem+json"));
    assertEquals(
        404, sheet(police, UUID.randomUUID().toString()).statusCode(), "no such case: 404");
    assertEquals(
        0L,
        count(
            "SELECT count(*) FROM audit_event WHERE action = 'SEARCH_SHEET_READ'"
                + " AND case_id = ?::uuid",
            caseId));
  }

  private long count(String sql, Object... params) {
    return ((Number) column(sql, params).get(0)).longValue();
  }
}
