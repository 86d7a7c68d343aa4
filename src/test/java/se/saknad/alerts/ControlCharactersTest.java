package se.saknad.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/**
 * Control characters (other than tab and newline) are refused where text comes in, and whatever
 * text is stored, the CAP document of an alert stays well-formed.
 */
@MicronautTest(transactional = false)
class ControlCharactersTest extends ApiTest {
  private UUID home;
  private String staff;

  @BeforeAll
  void homeAndStaff() {
    home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
  }

  private Map<String, Object> report(String clothing) {
    Map<String, Object> report = new HashMap<>();
    report.put("lastSeenAt", OffsetDateTime.now().minusMinutes(15).toString());
    report.put("lastSeenLocation", TYRESO_CENTRUM);
    report.put("clothing", clothing);
    report.put("riskLevel", "HIGH");
    return report;
  }

  @Test
  void aControlCharacterInFreeTextIsRefusedAndNothingIsStored() {
    UUID child = newChild(staff, profile(home, "Kontroll", "Tecken"));
    Map<String, Object> problem =
        problem(
            400,
            () ->
                post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    report("Röd jacka\u0001")));
    assertEquals("urn:saknad:problem:unstorable-text", problem.get("type"));
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM disappearance_case WHERE child_id = ?", child));
    Map<String, Object> profile = profile(home, "Kontroll\u001b[31m", "Tecken");
    assertEquals(
        "urn:saknad:problem:unstorable-text",
        problem(400, () -> post(staff, "/api/v1/children", profile)).get("type"));
    // Newlines and tabs are text.
    Map<String, Object> fine = report("Röd jacka\n\tblå mössa");
    assertEquals(
        "Röd jacka\n\tblå mössa",
        post(staff, "/api/v1/children/" + child + "/disappearances", fine).get("clothing"));
  }

  @Test
  void theCapDocumentStaysValidWhateverTextIsStored() throws Exception {
    UUID child = newChild(staff, profile(home, "Kontroll", "Lagrad"));
    Map<String, Object> opened =
        post(staff, "/api/v1/children/" + child + "/disappearances", report("Grön jacka"));
    String caseId = (String) opened.get("id");
    String alertId = (String) ((Map<?, ?>) opened.get("alert")).get("id");
    // Text stored before the input rule (or by another way in) may hold anything.
    sql(
        "UPDATE disappearance_case SET clothing = 'Grön' || chr(1) || 'jacka' || chr(11),"
            + " last_seen_place = 'Busshållplats' || chr(31) WHERE id = ?::uuid",
        caseId);
    String cap =
        http()
            .retrieve(
                as(
                    staff,
                    HttpRequest.GET("/api/v1/cases/" + caseId + "/alerts/" + alertId + "/cap")),
                String.class);
    assertFalse(cap.contains("\u0001") || cap.contains("&#1;"), cap);
    assertTrue(cap.contains("jacka"), cap);
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/cap/cap-1.2.xsd"))
        .newValidator()
        .validate(new StreamSource(new StringReader(cap)));
  }
}
