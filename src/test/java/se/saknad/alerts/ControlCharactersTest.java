package se.saknad.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

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
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
  }

  private Json report(UUID child, String clothing) {
    return aReport()
        .of(child)
        .by(staff)
        .lastSeen(OffsetDateTime.now().minusMinutes(15))
        .clothing(clothing)
        .risk("HIGH")
        .create();
  }

  @Test
  void aControlCharacterInFreeTextIsRefusedAndNothingIsStored() {
    UUID child = aChild().inHome(home).named("Kontroll", "Teckensson").create();
    Json problem = problemOf(400, () -> report(child, "Röd jacka\u0001"));
    assertEquals("urn:saknad:problem:unstorable-text", problem.string("type"));
    assertEquals(
        0L,
        TestDatabase.count("SELECT count(*) FROM disappearance_case WHERE child_id = ?", child));
    assertEquals(
        "urn:saknad:problem:unstorable-text",
        problemOf(
                400, () -> aChild().inHome(home).named("Kontroll\u001b[31m", "Teckensson").create())
            .string("type"));
    // Newlines and tabs are text.
    assertEquals(
        "Röd jacka\n\tblå mössa", report(child, "Röd jacka\n\tblå mössa").string("clothing"));
  }

  @Test
  void theCapDocumentStaysValidWhateverTextIsStored() throws Exception {
    UUID child = aChild().inHome(home).named("Kontroll", "Lagrad").create();
    Json opened = report(child, "Grön jacka");
    String caseId = opened.string("id");
    String alertId = opened.string("alert.id");
    // Text stored before the input rule (or by another way in) may hold anything.
    sql(
        "UPDATE disappearance_case SET clothing = 'Grön' || chr(1) || 'jacka' || chr(11),"
            + " last_seen_place = 'Busshållplats' || chr(31) WHERE id = ?::uuid",
        caseId);
    String cap =
        as(staff)
            .exchange(HttpRequest.GET("/api/v1/cases/" + caseId + "/alerts/" + alertId + "/cap"))
            .body();
    assertFalse(cap.contains("\u0001") || cap.contains("&#1;"), cap);
    assertTrue(cap.contains("jacka"), cap);
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/cap/cap-1.2.xsd"))
        .newValidator()
        .validate(new StreamSource(new StringReader(cap)));
  }
}
