package se.saknad.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.retention.ErasingPersonalData;
import se.saknad.support.ApiTest;
import se.saknad.support.TestDatabase;

/**
 * Debriefs are read and written by the child's home, the social services of the responsible
 * municipality and coordinators; consent to research is per version and its changes are audited.
 */
@MicronautTest(transactional = false)
class DebriefAccessTest extends ApiTest {
  private static final Map<String, Object> STOCKHOLM_CITY = Map.of("lat", 59.3293, "lon", 18.0686);

  @Inject ErasingPersonalData retention;

  private UUID home;
  private String staff;
  private String responsibleSocial;
  private String lastSeenSocial;
  private String researcher;

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    responsibleSocial = aUser().socialServices("0138").create();
    lastSeenSocial = aUser().socialServices("0180").create();
    researcher = aUser().researcher().create();
    // Research rows are k-anonymous (k = 3): two more children alike keep this class's rows in.
    for (String given : List.of("Likadan", "Sammalunda")) {
      as(staff)
          .post("/api/v1/cases/" + caseLastSeenInStockholm(given) + "/debrief", debrief(false, ""));
    }
  }

  /** A child of Tyresö (responsible: Tyresö) last seen in Stockholm city, back since yesterday. */
  private String caseLastSeenInStockholm(String given) {
    UUID child =
        aChild()
            .inHome(home)
            .named(given, "Debriefsson")
            .dossier("DB-" + UUID.randomUUID().toString().substring(0, 8))
            .create();
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
    String id =
        aReport()
            .of(child)
            .by(staff)
            .lastSeen(seen)
            .lastSeenAt(STOCKHOLM_CITY)
            .risk("HIGH")
            .create()
            .string("id");
    aReturn().of(id).by(staff).at(seen.plusHours(20)).condition("Trött").create();
    return id;
  }

  private static Map<String, Object> debrief(boolean consent, String statement) {
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("consentToResearch", consent);
    d.put("reasons", List.of("FEAR_OF_DEPORTATION"));
    d.put("reasonsText", "");
    d.put("childStatement", statement);
    return d;
  }

  private List<Object> statementsInResearch(String caseId) throws Exception {
    UUID child =
        TestDatabase.value(
            UUID.class, "SELECT child_id FROM disappearance_case WHERE id = ?::uuid", caseId);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            "test-research-key-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8),
            "HmacSHA256"));
    String key =
        HexFormat.of()
            .formatHex(mac.doFinal(child.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    return as(researcher)
        .get("/api/v1/research/debriefs")
        .list("[?(@.childKey == '" + key + "')]")
        .stream()
        .map(r -> (Object) r.string("childStatement"))
        .toList();
  }

  @Test
  void socialServicesWhereTheChildWasLastSeenMayNotReadOrChangeTheDebrief() {
    String kase = caseLastSeenInStockholm("Sharif");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    // They may follow the case itself ...
    as(lastSeenSocial).get("/api/v1/cases/" + kase);
    // ... but not the interview.
    problemOf(404, () -> as(lastSeenSocial).post(uri, debrief(false, "Jag ville inte berätta")));
    as(staff).post(uri, debrief(false, "Jag ville inte berätta"));
    problemOf(404, () -> as(lastSeenSocial).get(uri));
    problemOf(404, () -> as(lastSeenSocial).put(uri, debrief(true, "Jag ville inte berätta")));
    assertEquals(false, as(staff).get(uri).flag("consentToResearch"));
    assertEquals(1, as(staff).get(uri).integer("version"));

    // The responsible municipality's social services may.
    assertEquals(1, as(responsibleSocial).get(uri).integer("version"));
  }

  @Test
  void theDebriefsStillToBeHeldAreListedOnlyToThoseWhoMayHoldThem() {
    String kase = caseLastSeenInStockholm("Omid");
    String otherHomesStaff = staffOf(aHome().at(TYRESO_CENTRUM).create());
    String coordinator = aUser().coordinator().create();
    // Due later: pending, not yet overdue.
    for (String who : List.of(staff, responsibleSocial, coordinator)) {
      assertTrue(listed(who, "pending", kase), who);
      assertFalse(listed(who, "overdue", kase));
    }
    TestDatabase.sql(
        "UPDATE disappearance_case SET debrief_due_by = now() - interval '1 hour'"
            + " WHERE id = ?::uuid",
        kase);
    for (String list : List.of("pending", "overdue")) {
      for (String who : List.of(staff, responsibleSocial, coordinator)) {
        assertTrue(listed(who, list, kase), list);
      }
      // Social services where the child was last seen follow the case, not its interview.
      as(lastSeenSocial).get("/api/v1/cases/" + kase);
      assertFalse(listed(lastSeenSocial, list, kase), list);
      assertFalse(listed(otherHomesStaff, list, kase), list);
    }
  }

  private boolean listed(String who, String list, String kase) {
    return as(who).get("/api/v1/debriefs/" + list).strings("[*].caseId").contains(kase);
  }

  @Test
  void aChangeOfConsentIsAuditedWithBeforeAndAfter() {
    String kase = caseLastSeenInStockholm("Jamshid");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    as(staff).post(uri, debrief(false, "Det var svårt"));
    as(responsibleSocial).put(uri, debrief(true, "Det var svårt"));
    as(staff).put(uri, debrief(false, "Det var svårt"));
    assertEquals(
        List.of("DEBRIEF_CONSENT_GIVEN", "DEBRIEF_CONSENT_WITHDRAWN"),
        column(
            "SELECT action FROM audit_event WHERE case_id = ?::uuid AND action LIKE"
                + " 'DEBRIEF_CONSENT%' ORDER BY id",
            kase));
    assertEquals(
        List.of(false, true, false),
        column(
            "SELECT consent_to_research FROM debrief_version WHERE case_id = ?::uuid"
                + " ORDER BY version",
            kase));
  }

  @Test
  void wordsFromAVersionWithoutConsentNeverReachResearch() throws Exception {
    String kase = caseLastSeenInStockholm("Baryalai");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    as(staff).post(uri, debrief(false, "Bara för personalen"));
    assertEquals(java.util.Arrays.asList((Object) null), statementsInResearch(kase));
    as(staff).put(uri, debrief(true, "Det här får forskarna läsa"));
    assertEquals(List.of("Det här får forskarna läsa"), statementsInResearch(kase));
    // A later version without consent takes the words back out.
    as(staff).put(uri, debrief(false, "Det här får forskarna läsa"));
    assertEquals(java.util.Arrays.asList((Object) null), statementsInResearch(kase));
  }

  @Test
  void retentionErasesTheWordsOfEveryVersionWrittenWithoutConsent() {
    String kase = caseLastSeenInStockholm("Wahidullah");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    as(staff).post(uri, debrief(false, "Ingen samtycke till detta"));
    as(staff).put(uri, debrief(true, "Detta med samtycke"));
    sql(
        "UPDATE disappearance_case SET status = 'CLOSED', closed_at = now() - interval '3 years'"
            + " WHERE id = ?::uuid",
        kase);
    retention.eraseExpired();
    List<Object> words =
        column(
            "SELECT content->>'childStatement' FROM debrief_version WHERE case_id = ?::uuid"
                + " ORDER BY version",
            kase);
    assertEquals(List.of("", "Detta med samtycke"), words);
    assertFalse(words.contains("Ingen samtycke till detta"));
  }
}
