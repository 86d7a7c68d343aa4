package se.saknad.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    home = newHome(TYRESO_CENTRUM);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    responsibleSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    lastSeenSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0180"));
    researcher = userToken("RESEARCHER", Map.of());
    // Research rows are k-anonymous (k = 3): two more children alike keep this class's rows in.
    for (String given : List.of("Likadan", "Sammalunda")) {
      post(
          staff,
          "/api/v1/cases/" + caseLastSeenInStockholm(given) + "/debrief",
          debrief(false, ""));
    }
  }

  /** A child of Tyresö (responsible: Tyresö) last seen in Stockholm city, back since yesterday. */
  private String caseLastSeenInStockholm(String given) {
    Map<String, Object> p = profile(home, given, "Debriefsson");
    p.put("dossierNumber", "DB-" + UUID.randomUUID().toString().substring(0, 8));
    UUID child = newChild(staff, p);
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
    String id =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    Map.of(
                        "lastSeenAt",
                        seen.toString(),
                        "lastSeenLocation",
                        STOCKHOLM_CITY,
                        "riskLevel",
                        "HIGH"))
                .get("id");
    post(
        staff,
        "/api/v1/cases/" + id + "/return",
        Map.of(
            "returnedAt", seen.plusHours(20).toString(), "foundBy", "Polis", "condition", "Trött"));
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
        (UUID) column("SELECT child_id FROM disappearance_case WHERE id = ?::uuid", caseId).get(0);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            "test-research-key-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8),
            "HmacSHA256"));
    String key =
        HexFormat.of()
            .formatHex(mac.doFinal(child.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    return getList(researcher, "/api/v1/research/debriefs").stream()
        .filter(r -> key.equals(r.get("childKey")))
        .map(r -> r.get("childStatement"))
        .toList();
  }

  @Test
  void socialServicesWhereTheChildWasLastSeenMayNotReadOrChangeTheDebrief() {
    String kase = caseLastSeenInStockholm("Sharif");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    // They may follow the case itself ...
    get(lastSeenSocial, "/api/v1/cases/" + kase);
    // ... but not the interview.
    problem(404, () -> post(lastSeenSocial, uri, debrief(false, "Jag ville inte berätta")));
    post(staff, uri, debrief(false, "Jag ville inte berätta"));
    problem(404, () -> get(lastSeenSocial, uri));
    problem(404, () -> put(lastSeenSocial, uri, debrief(true, "Jag ville inte berätta")));
    assertEquals(false, get(staff, uri).get("consentToResearch"));
    assertEquals(1, get(staff, uri).get("version"));

    // The responsible municipality's social services may.
    assertEquals(1, get(responsibleSocial, uri).get("version"));
  }

  @Test
  void aChangeOfConsentIsAuditedWithBeforeAndAfter() {
    String kase = caseLastSeenInStockholm("Jamshid");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    post(staff, uri, debrief(false, "Det var svårt"));
    put(responsibleSocial, uri, debrief(true, "Det var svårt"));
    put(staff, uri, debrief(false, "Det var svårt"));
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
    post(staff, uri, debrief(false, "Bara för personalen"));
    assertEquals(java.util.Arrays.asList((Object) null), statementsInResearch(kase));
    put(staff, uri, debrief(true, "Det här får forskarna läsa"));
    assertEquals(List.of("Det här får forskarna läsa"), statementsInResearch(kase));
    // A later version without consent takes the words back out.
    put(staff, uri, debrief(false, "Det här får forskarna läsa"));
    assertEquals(java.util.Arrays.asList((Object) null), statementsInResearch(kase));
  }

  @Test
  void retentionErasesTheWordsOfEveryVersionWrittenWithoutConsent() {
    String kase = caseLastSeenInStockholm("Wahidullah");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    post(staff, uri, debrief(false, "Ingen samtycke till detta"));
    put(staff, uri, debrief(true, "Detta med samtycke"));
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
