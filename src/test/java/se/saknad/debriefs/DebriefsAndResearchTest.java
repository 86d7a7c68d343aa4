package se.saknad.debriefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
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

@MicronautTest(transactional = false)
class DebriefsAndResearchTest extends ApiTest {
  private static final String RESEARCH_KEY = "test-research-key-that-is-long-enough-0123456789";

  @Inject RemindingOverdueDebriefs reminders;
  @Inject ErasingPersonalData retention;

  private UUID home;
  private String homeName;
  private String staff;
  private String coordinator;
  private String researcher;

  @BeforeAll
  void people() {
    home = newHome(TYRESO_CENTRUM);
    homeName = (String) get(adminToken(), "/api/v1/homes/" + home).get("name");
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    coordinator = userToken("COORDINATOR", Map.of());
    researcher = userToken("RESEARCHER", Map.of());
    post(
        coordinator,
        "/api/v1/recipients",
        Map.of(
            "name",
            "Tyresö socialtjänst, jour",
            "kind",
            "SOCIAL_SERVICES",
            "coverage",
            Map.of("municipalityCodes", List.of("0138")),
            "contacts",
            List.of(Map.of("name", "Jour", "phone", "+46701999001")),
            "acknowledgementRequired",
            false,
            "escalateAfterMinutes",
            30));

    // Research rows are k-anonymous (k = 3): three children alike, so that a child registered with
    // the default profile shares its published values with at least two others.
    for (int i = 0; i < 3; i++) {
      post(
          staff,
          "/api/v1/cases/" + returnedCase(child("Likadan", "Kamrat" + i, "AF")) + "/debrief",
          debrief(false));
    }
  }

  // ---- fixtures ----

  private UUID child(String given, String family, String nationality) {
    Map<String, Object> p = profile(home, given, family);
    p.put("nationality", nationality);
    p.put("dossierNumber", "UM-" + UUID.randomUUID().toString().substring(0, 8));
    return newChild(staff, p);
  }

  /** A case that was reported two days ago and ended with a return a day later. */
  private String returnedCase(UUID child) {
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> report = new HashMap<>();
    report.put("lastSeenAt", seen.toString());
    report.put("lastSeenLocation", TYRESO_CENTRUM);
    report.put("lastSeenPlace", "Busshållplatsen vid Tyresö centrum");
    report.put("clothing", "Röd jacka");
    report.put("riskLevel", "HIGH");
    String id =
        (String) post(staff, "/api/v1/children/" + child + "/disappearances", report).get("id");
    post(
        staff,
        "/api/v1/cases/" + id + "/return",
        Map.of(
            "returnedAt", seen.plusHours(30).toString(), "foundBy", "Polis", "condition", "Trött"));
    return id;
  }

  private static Map<String, Object> debrief(boolean consent) {
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("interviewerIndependent", true);
    d.put("interpreterUsed", true);
    d.put("language", "prs");
    d.put("consentToResearch", consent);
    d.put("reasons", List.of("FEAR_OF_DEPORTATION", "TO_REACH_RELATIVES"));
    d.put("reasonsText", "Ville träffa sin farbror i Göteborg");
    d.put("whereabouts", List.of("WITH_RELATIVES"));
    d.put("exploitationIndicators", List.of("NONE_OBSERVED"));
    d.put("childStatement", "Jag var rädd att skickas tillbaka");
    return d;
  }

  private static String keyOf(UUID child) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(RESEARCH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal(child.toString().getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private List<Map<String, Object>> researchRowsOf(UUID child) throws Exception {
    String key = keyOf(child);
    return getList(researcher, "/api/v1/research/debriefs").stream()
        .filter(r -> key.equals(r.get("childKey")))
        .toList();
  }

  private String csv() {
    return http()
        .retrieve(
            HttpRequest.GET("/api/v1/research/debriefs.csv").bearerAuth(researcher), String.class);
  }

  // ---- debriefs ----

  @Test
  void staffRecordADebriefOnceAndCorrectionsKeepTheHistory() {
    String kase = returnedCase(child("Karim", "Nazari", "AF"));
    String uri = "/api/v1/cases/" + kase + "/debrief";
    Map<String, Object> first = post(staff, uri, debrief(true));
    assertEquals(1, first.get("version"));
    assertEquals("HELD", first.get("outcome"));
    assertEquals(true, first.get("withinDeadline"));
    Map<String, Object> again = problem(409, () -> post(staff, uri, debrief(true)));
    assertEquals("urn:saknad:problem:debrief-exists", again.get("type"));

    Map<String, Object> corrected = debrief(true);
    corrected.put("reasons", List.of("CONFLICT_AT_HOME"));
    assertEquals(2, put(coordinator, uri, corrected).get("version"));
    assertEquals(List.of("CONFLICT_AT_HOME"), get(staff, uri).get("reasons"));
    assertEquals(
        List.of(1, 2),
        column(
            "SELECT version FROM debrief_version WHERE case_id = ?::uuid ORDER BY version", kase));
    assertEquals(
        List.of("[\"FEAR_OF_DEPORTATION\", \"TO_REACH_RELATIVES\"]"),
        column(
            "SELECT (content->'reasons')::text FROM debrief_version WHERE case_id = ?::uuid"
                + " AND version = 1",
            kase));
  }

  @Test
  void theChildDecliningAndAnInterviewNotHeldAreRecordable() {
    String declined = returnedCase(child("Omid", "Rahimi", "AF"));
    Map<String, Object> d = new HashMap<>(debrief(false));
    d.put("outcome", "DECLINED");
    d.put("reasons", List.of());
    assertEquals(
        "DECLINED", post(staff, "/api/v1/cases/" + declined + "/debrief", d).get("outcome"));

    String notHeld = returnedCase(child("Farid", "Haidari", "AF"));
    Map<String, Object> n = new HashMap<>();
    n.put("outcome", "NOT_HELD");
    n.put("notHeldReason", "Barnet flyttades till annan kommun samma dag");
    n.put("interviewerRole", "SOCIAL_WORKER");
    n.put("consentToResearch", false);
    Map<String, Object> stored = post(staff, "/api/v1/cases/" + notHeld + "/debrief", n);
    assertEquals("NOT_HELD", stored.get("outcome"));
    assertEquals(false, stored.get("withinDeadline"));
  }

  @Test
  void badDebriefsAreProblemsAndStoreNothing() {
    UUID child = child("Ali", "Jafari", "AF");
    String kase = returnedCase(child);
    String uri = "/api/v1/cases/" + kase + "/debrief";

    Map<String, Object> unknownCode = debrief(true);
    unknownCode.put("reasons", List.of("BORED_OF_SWEDEN"));
    problem(400, () -> post(staff, uri, unknownCode));
    Map<String, Object> future = debrief(true);
    future.put("conductedAt", OffsetDateTime.now().plusDays(1).toString());
    assertEquals(List.of("conductedAt"), errorFields(problem(422, () -> post(staff, uri, future))));
    Map<String, Object> beforeReturn = debrief(true);
    beforeReturn.put("conductedAt", OffsetDateTime.now().minusDays(3).toString());
    assertEquals(
        List.of("conductedAt"), errorFields(problem(422, () -> post(staff, uri, beforeReturn))));
    Map<String, Object> notHeldWithoutWhy = debrief(false);
    notHeldWithoutWhy.put("outcome", "NOT_HELD");
    assertEquals(
        List.of("notHeldReason"),
        errorFields(problem(422, () -> post(staff, uri, notHeldWithoutWhy))));
    Map<String, Object> noConsentAnswer = debrief(true);
    noConsentAnswer.remove("consentToResearch");
    problem(400, () -> post(staff, uri, noConsentAnswer));
    problem(404, () -> put(staff, uri, debrief(true)));
    assertEquals(List.of(0L), column("SELECT count(*) FROM debrief WHERE case_id = ?::uuid", kase));
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM debrief_version WHERE case_id = ?::uuid", kase));

    // a case still open has no debrief yet
    String open =
        (String)
            post(
                    staff,
                    "/api/v1/children/" + child + "/disappearances",
                    Map.of(
                        "lastSeenAt",
                        OffsetDateTime.now().minusMinutes(10).toString(),
                        "lastSeenLocation",
                        TYRESO_CENTRUM,
                        "riskLevel",
                        "STANDARD"))
                .get("id");
    Map<String, Object> notReturned =
        problem(409, () -> post(staff, "/api/v1/cases/" + open + "/debrief", debrief(true)));
    assertEquals("urn:saknad:problem:case-not-returned", notReturned.get("type"));
  }

  @Test
  void onlyTheHomeSocialServicesAndCoordinatorsRecordDebriefs() {
    String kase = returnedCase(child("Reza", "Amiri", "IR"));
    String uri = "/api/v1/cases/" + kase + "/debrief";
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    problem(403, () -> post(police, uri, debrief(true)));
    problem(403, () -> post(researcher, uri, debrief(true)));
    problem(403, () -> post(adminToken(), uri, debrief(true)));
    String otherHomeStaff = userToken("HVB_STAFF", Map.of("homeId", newHome(MALMO)));
    problem(404, () -> post(otherHomeStaff, uri, debrief(true)));
    String malmoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "1280"));
    problem(404, () -> post(malmoSocial, uri, debrief(true)));
    String tyresoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    assertEquals(1, post(tyresoSocial, uri, debrief(true)).get("version"));
    problem(403, () -> get(police, uri));
  }

  @Test
  void theCodedListsHaveSwedishAndEnglishLabels() {
    Map<String, Object> codes = get(researcher, "/api/v1/debriefs/codes");
    assertTrue(
        codes.keySet().containsAll(List.of("reasons", "whereabouts", "exploitationIndicators")));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> reasons = (List<Map<String, Object>>) codes.get("reasons");
    Map<String, Object> fear =
        reasons.stream()
            .filter(r -> "FEAR_OF_DEPORTATION".equals(r.get("code")))
            .findFirst()
            .orElseThrow();
    assertEquals("Rädsla för utvisning", fear.get("sv"));
    assertEquals("Fear of deportation", fear.get("en"));
  }

  @Test
  void anOverdueDebriefIsListedAndItsSocialServicesRemindedOnce() {
    UUID child = child("Hamid", "Sultani", "AF");
    String kase = returnedCase(child);
    sql(
        "UPDATE disappearance_case SET debrief_due_by = now() - interval '1 hour' WHERE id = ?::uuid",
        kase);
    String tyresoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    for (String who : List.of(coordinator, tyresoSocial, staff)) {
      assertTrue(
          getList(who, "/api/v1/debriefs/overdue").stream()
              .anyMatch(o -> kase.equals(o.get("caseId"))));
    }
    String malmoSocial = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "1280"));
    assertFalse(
        getList(malmoSocial, "/api/v1/debriefs/overdue").stream()
            .anyMatch(o -> kase.equals(o.get("caseId"))));

    assertTrue(reminders.remindDue() >= 1);
    reminders.remindDue();
    List<Object> bodies =
        column(
            "SELECT body FROM delivery WHERE case_id = ?::uuid AND alert_id IS NULL"
                + " AND phone = '+46701999001'",
            kase);
    assertEquals(1, bodies.size(), "one reminder, not one per run");
    String body = (String) bodies.get(0);
    assertTrue(body.contains("återkomstsamtalet"), body);
    assertFalse(body.contains("Hamid"), "no name in a reminder");
    assertEquals(
        true,
        getList(coordinator, "/api/v1/debriefs/overdue").stream()
            .filter(o -> kase.equals(o.get("caseId")))
            .findFirst()
            .orElseThrow()
            .get("reminded"));

    post(staff, "/api/v1/cases/" + kase + "/debrief", debrief(true));
    assertFalse(
        getList(coordinator, "/api/v1/debriefs/overdue").stream()
            .anyMatch(o -> kase.equals(o.get("caseId"))));
  }

  @Test
  void anOverdueDebriefSaysWhichHomeWhichMunicipalityAndHowManyDaysLate() {
    UUID child = child("Nadia", "Sahak", "AF");
    String kase = returnedCase(child);
    sql(
        "UPDATE disappearance_case SET debrief_due_by = now() - interval '3 days 2 hours'"
            + " WHERE id = ?::uuid",
        kase);
    Map<String, Object> row =
        getList(coordinator, "/api/v1/debriefs/overdue").stream()
            .filter(o -> kase.equals(o.get("caseId")))
            .findFirst()
            .orElseThrow();
    assertEquals(get(adminToken(), "/api/v1/homes/" + home).get("name"), row.get("homeName"));
    assertEquals("Tyresö", row.get("responsibleMunicipalityName"));
    assertEquals(3, ((Number) row.get("daysOverdue")).intValue());
    // The fields clients already read are still there.
    assertEquals("0138", row.get("responsibleMunicipalityCode"));
    assertEquals(home.toString(), row.get("homeId"));
  }

  // ---- research ----

  @Test
  void researchRowsAndTheCsvHoldNoPersonalData() throws Exception {
    Map<String, Object> p = profile(home, "Zarmina", "Qasemi-Tahiri");
    p.put("aliases", List.of("Zari Tahiri"));
    p.put("dateOfBirth", "2009-11-05");
    p.put("dossierNumber", "UM-77310-44");
    p.put("guardian", Map.of("name", "Gunnel Strand", "phone", "+46709876543"));
    UUID child = newChild(staff, p);
    String kase = returnedCase(child);
    Map<String, Object> withoutConsent = debrief(false);
    withoutConsent.put("childStatement", "Zarmina sa att hon sov hos en kusin i Rinkeby");
    withoutConsent.put("reasonsText", "Ville inte flytta till Kiruna");
    post(staff, "/api/v1/cases/" + kase + "/debrief", withoutConsent);

    List<Map<String, Object>> rows = researchRowsOf(child);
    assertEquals(1, rows.size());
    Map<String, Object> row = rows.get(0);
    assertEquals("1", row.get("episodes"));
    assertEquals("16-17", row.get("ageBand"));
    assertEquals("MALE", row.get("gender"));
    assertEquals("034", row.get("regionOfOrigin"), "Afghanistan lies in Southern Asia");
    assertEquals("01", row.get("countyCode"));
    assertTrue(((String) row.get("quarter")).matches("\\d{4}-Q[1-4]"));
    assertEquals(List.of(), row.get("suppressed"));
    for (String exact :
        List.of("episodeNumber", "ageAtDisappearance", "nationality", "municipalityCode")) {
      assertNull(row.get(exact), exact + " is only given generalised");
    }
    assertEquals(30.0, ((Number) row.get("missingHours")).doubleValue(), 0.01);
    assertEquals(List.of("FEAR_OF_DEPORTATION", "TO_REACH_RELATIVES"), row.get("reasons"));
    assertNull(row.get("childStatement"), "no consent, no words");
    assertNull(row.get("reasonsText"));

    String everything = getList(researcher, "/api/v1/research/debriefs").toString() + csv();
    for (String personal :
        List.of(
            "Zarmina",
            "Qasemi",
            "Tahiri",
            "2009-11-05",
            "UM-77310-44",
            "Gunnel",
            "+46709876543",
            "709876543",
            "+46701999001",
            homeName,
            "Busshållplatsen",
            "Röd jacka",
            "59.24",
            "18.22",
            "kusin i Rinkeby",
            "flytta till Kiruna")) {
      assertFalse(everything.contains(personal), "research output contains " + personal);
    }
    assertTrue(csv().startsWith("childKey,episodes,ageBand,gender,regionOfOrigin,countyCode"));
    assertTrue(csv().contains(keyOf(child)));
  }

  @Test
  void consentDecidesWhetherTheChildsWordsReachResearch() throws Exception {
    UUID willing = child("Sahar", "Karimi", "AF");
    post(staff, "/api/v1/cases/" + returnedCase(willing) + "/debrief", debrief(true));
    Map<String, Object> row = researchRowsOf(willing).get(0);
    assertEquals("Jag var rädd att skickas tillbaka", row.get("childStatement"));
    assertEquals(true, row.get("consentToResearch"));
    assertTrue(csv().contains("Jag var rädd att skickas tillbaka"));
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAsAFormulaAreInert() throws Exception {
    UUID child = child("Formel", "Kalkylsson", "AF");
    Map<String, Object> d = debrief(true);
    d.put("childStatement", "=HYPERLINK(\"http://example.invalid\",\"Klicka\")");
    d.put("reasonsText", "@SUM(1+1)");
    post(staff, "/api/v1/cases/" + returnedCase(child) + "/debrief", d);
    String key = keyOf(child);
    org.apache.commons.csv.CSVRecord row =
        org.apache.commons.csv.CSVFormat.RFC4180
            .builder()
            .setHeader()
            .get()
            .parse(new java.io.StringReader(csv()))
            .getRecords()
            .stream()
            .filter(r -> r.get("childKey").equals(key))
            .findFirst()
            .orElseThrow();
    assertEquals("'=HYPERLINK(\"http://example.invalid\",\"Klicka\")", row.get("childStatement"));
    assertEquals("'@SUM(1+1)", row.get("reasonsText"));
    // The JSON rows are not a spreadsheet: the words as they were said.
    assertEquals(
        "=HYPERLINK(\"http://example.invalid\",\"Klicka\")",
        researchRowsOf(child).get(0).get("childStatement"));
  }

  @Test
  void theChildKeyIsStableOverEpisodesAndDiffersBetweenChildren() throws Exception {
    // Three children alike with two episodes each, so that second episodes are not too rare.
    List<UUID> twice = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID child = child("Nasir", "Ahmadi", "AF");
      String one = returnedCase(child);
      post(staff, "/api/v1/cases/" + one + "/debrief", debrief(true));
      sql(
          "UPDATE disappearance_case SET last_seen_at = last_seen_at - interval '10 days',"
              + " returned_at = returned_at - interval '10 days' WHERE id = ?::uuid",
          one);
      post(staff, "/api/v1/cases/" + returnedCase(child) + "/debrief", debrief(true));
      twice.add(child);
    }
    UUID first = twice.get(0);
    UUID second = child("Nasir", "Ahmadi", "AF");
    post(staff, "/api/v1/cases/" + returnedCase(second) + "/debrief", debrief(true));

    List<Map<String, Object>> firstRows = researchRowsOf(first);
    assertEquals(2, firstRows.size());
    assertEquals(
        java.util.Set.of("1", "2"),
        firstRows.stream()
            .map(r -> r.get("episodes"))
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(firstRows.get(0).get("childKey"), firstRows.get(1).get("childKey"));
    assertEquals(1, researchRowsOf(second).size());
    assertNotEquals(keyOf(first), keyOf(second));
    assertFalse(firstRows.get(0).get("childKey").toString().contains(first.toString()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void countsArePublishedRoundedToFiveAndEveryTableAddsUpToItsTotal() {
    // Tuvalu and Nauru: no other test registers children of these nationalities.
    returnedCase(child("Ioane", "Tafua", "TV"));
    for (int i = 0; i < 3; i++) {
      returnedCase(child("Deiranauw", "Adeang" + i, "NR"));
    }
    Map<String, Object> stats = get(researcher, "/api/v1/research/statistics");
    assertEquals(
        Map.of("method", "CONTROLLED_ROUNDING", "base", 5),
        Map.of(
            "method",
            ((Map<String, Object>) stats.get("protection")).get("method"),
            "base",
            ((Map<String, Object>) stats.get("protection")).get("base")));
    Map<String, Object> cases = (Map<String, Object>) stats.get("cases");
    Map<String, Object> children = (Map<String, Object>) stats.get("children");
    Map<String, Object> byNationality = (Map<String, Object>) cases.get("byNationality");
    assertFalse(byNationality.containsKey("TV") && !byNationality.get("TV").equals(5));
    assertFalse(stats.toString().contains("<3"));
    for (Map<String, Object> part : List.of(cases, children)) {
      long total = ((Number) part.get("total")).longValue();
      assertEquals(0, total % 5);
      for (String table :
          List.of("byMonth", "byAgeBand", "byGender", "byNationality", "byCounty")) {
        Map<String, Object> cells = (Map<String, Object>) part.get(table);
        assertTrue(
            cells.values().stream()
                .allMatch(v -> ((Number) v).longValue() > 0 && ((Number) v).longValue() % 5 == 0),
            table + ": " + cells);
      }
    }
    long caseTotal = ((Number) cases.get("total")).longValue();
    for (String table : List.of("byMonth", "byAgeBand", "byGender", "byNationality", "byCounty")) {
      assertEquals(caseTotal, sum(cases.get(table)), "cases " + table + " add up");
    }
    assertEquals(caseTotal, sum(stats.get("casesByTimeToReturn")));
    long childTotal = ((Number) children.get("total")).longValue();
    assertEquals(childTotal, sum(children.get("byGender")));
    assertEquals(childTotal, sum(children.get("byNationality")));
    assertEquals(childTotal, sum(stats.get("childrenByNumberOfDisappearances")));
    for (String part : List.of("returned", "reasons", "debriefs", "period")) {
      assertTrue(stats.containsKey(part), part);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void statisticsCoverAPeriodAndRefuseABackwardOne() {
    String today = java.time.LocalDate.now().toString();
    String yearAgo = java.time.LocalDate.now().minusYears(1).toString();
    Map<String, Object> stats =
        get(researcher, "/api/v1/research/statistics?from=" + yearAgo + "&to=" + today);
    assertEquals(Map.of("from", yearAgo, "to", today), stats.get("period"));
    Map<String, Object> none =
        get(researcher, "/api/v1/research/statistics?from=1999-01-01&to=1999-12-31");
    assertEquals(0, ((Map<String, Object>) none.get("cases")).get("total"));
    assertEquals(
        List.of("to"),
        errorFields(
            problem(
                422,
                () ->
                    get(
                        researcher,
                        "/api/v1/research/statistics?from=" + today + "&to=" + yearAgo))));
    problem(400, () -> get(researcher, "/api/v1/research/statistics?from=igår"));
  }

  @SuppressWarnings("unchecked")
  private static long sum(Object table) {
    return ((Map<String, Object>) table)
        .values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
  }

  @Test
  void researchIsForResearchersAndStatisticsAlsoForCoordinators() {
    String police = userToken("POLICE", Map.of("policeRegion", "STOCKHOLM"));
    String social = userToken("SOCIAL_SERVICES", Map.of("municipalityCode", "0138"));
    for (String who : List.of(staff, police, social, adminToken())) {
      problem(403, () -> getList(who, "/api/v1/research/debriefs"));
      problem(403, () -> get(who, "/api/v1/research/statistics"));
      problem(
          403,
          () ->
              http()
                  .retrieve(
                      HttpRequest.GET("/api/v1/research/debriefs.csv").bearerAuth(who),
                      String.class));
    }
    problem(403, () -> getList(coordinator, "/api/v1/research/debriefs"));
    problem(401, () -> http().retrieve(HttpRequest.GET("/api/v1/research/statistics")));
    get(coordinator, "/api/v1/research/statistics");

    long before =
        (Long) column("SELECT count(*) FROM audit_event WHERE action LIKE 'RESEARCH_%'").get(0);
    getList(researcher, "/api/v1/research/debriefs");
    csv();
    get(researcher, "/api/v1/research/statistics");
    long after =
        (Long) column("SELECT count(*) FROM audit_event WHERE action LIKE 'RESEARCH_%'").get(0);
    assertEquals(before + 3, after);
  }

  // ---- retention ----

  @Test
  void retentionErasesPersonalDataAndLeavesResearchAsItWas() throws Exception {
    Map<String, Object> p = profile(home, "Mustafa", "Hosseini-Erase");
    p.put("aliases", List.of("Musti"));
    p.put("dateOfBirth", "2008-02-29");
    p.put("dossierNumber", "UM-55501-99");
    UUID erased = newChild(staff, p);
    String kase = returnedCase(erased);
    post(staff, "/api/v1/cases/" + kase + "/debrief", debrief(false));
    post(coordinator, "/api/v1/cases/" + kase + "/status", Map.of("status", "CLOSED"));
    UUID recent = child("Jawad", "Hosseini-Kept", "AF");
    String recentCase = returnedCase(recent);
    post(coordinator, "/api/v1/cases/" + recentCase + "/status", Map.of("status", "CLOSED"));
    sql(
        "UPDATE disappearance_case SET closed_at = now() - interval '3 years' WHERE id = ?::uuid",
        kase);

    Map<String, Object> statsBefore = get(researcher, "/api/v1/research/statistics");
    List<Map<String, Object>> rowsBefore = getList(researcher, "/api/v1/research/debriefs");
    String csvBefore = csv();

    assertTrue(retention.eraseExpired() >= 1);

    assertEquals(statsBefore, get(researcher, "/api/v1/research/statistics"));
    assertEquals(rowsBefore, getList(researcher, "/api/v1/research/debriefs"));
    assertEquals(csvBefore, csv());

    Map<String, Object> child = get(coordinator, "/api/v1/children/" + erased);
    String asText = child.toString();
    for (String gone :
        List.of(
            "Mustafa",
            "Hosseini",
            "Musti",
            "2008-02-29",
            "UM-55501-99",
            "Eva Gode",
            "+46701234567",
            "ärr på vänster hand")) {
      assertFalse(asText.contains(gone), "still there: " + gone);
    }
    assertEquals(2008, child.get("estimatedBirthYear"));
    assertEquals(
        List.of(""),
        column(
            "SELECT DISTINCT body FROM delivery WHERE case_id = ?::uuid AND alert_id IS NOT NULL",
            kase));
    assertEquals(
        List.of("|"),
        column(
            "SELECT clothing || last_seen_place || '|' || circumstances FROM disappearance_case WHERE id = ?::uuid",
            kase));
    assertEquals(
        List.of(true),
        column(
            "SELECT ST_Distance(d.last_seen_location, ST_GeogFromText('POINT(18.2290 59.2435)')) > 10"
                + " AND ST_Intersects(d.last_seen_location::geometry, m.geom)"
                + " FROM disappearance_case d JOIN municipality m ON m.code = d.municipality_code"
                + " WHERE d.id = ?::uuid",
            kase));
    assertEquals(
        List.of("|"),
        column(
            "SELECT reasons_text || '|' || child_statement FROM debrief WHERE case_id = ?::uuid",
            kase));
    assertEquals(
        List.of(1L),
        column(
            "SELECT count(*) FROM audit_event WHERE action = 'PERSONAL_DATA_ERASED' AND child_id = ?",
            erased));
    assertTrue(
        get(coordinator, "/api/v1/children/" + recent).toString().contains("Hosseini-Kept"),
        "a case closed yesterday is kept");
  }
}
