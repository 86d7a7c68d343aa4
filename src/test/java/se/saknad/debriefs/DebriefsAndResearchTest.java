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
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

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
    home = aHome().at(TYRESO_CENTRUM).create();
    homeName = as(adminToken()).get("/api/v1/homes/" + home).string("name");
    staff = staffOf(home);
    coordinator = aUser().coordinator().create();
    researcher = aUser().researcher().create();
    aRecipient()
        .named("Tyresö socialtjänst, jour")
        .socialServices()
        .covering("0138")
        .phone("+46701999001")
        .acknowledgementRequired(false)
        .escalateAfterMinutes(30)
        .by(coordinator)
        .create();

    // Research rows are k-anonymous (k = 3): three children alike, so that a child registered with
    // the default profile shares its published values with at least two others.
    for (int i = 0; i < 3; i++) {
      debriefOf(returnedCase(child("Likadan", "Kamrat" + i, "AF")), debrief(false));
    }
  }

  // ---- fixtures ----

  private UUID child(String given, String family, String nationality) {
    return aChild()
        .inHome(home)
        .named(given, family)
        .nationality(nationality)
        .withDossier()
        .create();
  }

  /** A case that was reported two days ago and ended with a return a day later. */
  private String returnedCase(UUID child) {
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
    String id =
        aReport()
            .of(child)
            .by(staff)
            .lastSeen(seen)
            .lastSeenAt(TYRESO_CENTRUM)
            .place("Busshållplatsen vid Tyresö centrum")
            .clothing("Röd jacka")
            .risk("HIGH")
            .create()
            .string("id");
    aReturn().of(id).by(staff).at(seen.plusHours(30)).condition("Trött").create();
    return id;
  }

  private Json debriefOf(String kase, Map<String, Object> debrief) {
    return as(staff).post("/api/v1/cases/" + kase + "/debrief", debrief);
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

  private List<Json> researchRowsOf(UUID child) throws Exception {
    return as(researcher)
        .get("/api/v1/research/debriefs")
        .list("[?(@.childKey == '" + keyOf(child) + "')]");
  }

  private boolean overdue(String who, String kase) {
    return as(who).get("/api/v1/debriefs/overdue").strings("[*].caseId").contains(kase);
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
    Json first = as(staff).post(uri, debrief(true));
    assertEquals(1, first.integer("version"));
    assertEquals("HELD", first.string("outcome"));
    assertEquals(true, first.flag("withinDeadline"));
    Json again = problemOf(409, () -> as(staff).post(uri, debrief(true)));
    assertEquals("urn:saknad:problem:debrief-exists", again.string("type"));

    Map<String, Object> corrected = debrief(true);
    corrected.put("reasons", List.of("CONFLICT_AT_HOME"));
    assertEquals(2, as(coordinator).put(uri, corrected).integer("version"));
    assertEquals(List.of("CONFLICT_AT_HOME"), as(staff).get(uri).strings("reasons"));
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
    assertEquals("DECLINED", debriefOf(declined, d).string("outcome"));

    String wouldNotSay = returnedCase(child("Reza", "Karimi", "AF"));
    Map<String, Object> w = new HashMap<>(debrief(false));
    w.put("outcome", "HELD");
    w.put("reasons", List.of("DECLINED_TO_SAY"));
    assertEquals(
        List.of("DECLINED_TO_SAY"), debriefOf(wouldNotSay, w).list("reasons", String.class));

    String notHeld = returnedCase(child("Farid", "Haidari", "AF"));
    Map<String, Object> n = new HashMap<>();
    n.put("outcome", "NOT_HELD");
    n.put("notHeldReason", "Barnet flyttades till annan kommun samma dag");
    n.put("interviewerRole", "SOCIAL_WORKER");
    n.put("consentToResearch", false);
    Json stored = debriefOf(notHeld, n);
    assertEquals("NOT_HELD", stored.string("outcome"));
    assertEquals(false, stored.flag("withinDeadline"));
  }

  @Test
  void badDebriefsAreProblemsAndStoreNothing() {
    UUID child = child("Ali", "Jafari", "AF");
    String kase = returnedCase(child);
    String uri = "/api/v1/cases/" + kase + "/debrief";

    Map<String, Object> unknownCode = debrief(true);
    unknownCode.put("reasons", List.of("BORED_OF_SWEDEN"));
    problemOf(400, () -> as(staff).post(uri, unknownCode));
    Map<String, Object> future = debrief(true);
    future.put("conductedAt", OffsetDateTime.now().plusDays(1).toString());
    assertEquals(
        List.of("conductedAt"), errorFields(problemOf(422, () -> as(staff).post(uri, future))));
    Map<String, Object> beforeReturn = debrief(true);
    beforeReturn.put("conductedAt", OffsetDateTime.now().minusDays(3).toString());
    assertEquals(
        List.of("conductedAt"),
        errorFields(problemOf(422, () -> as(staff).post(uri, beforeReturn))));
    Map<String, Object> notHeldWithoutWhy = debrief(false);
    notHeldWithoutWhy.put("outcome", "NOT_HELD");
    assertEquals(
        List.of("notHeldReason"),
        errorFields(problemOf(422, () -> as(staff).post(uri, notHeldWithoutWhy))));
    Map<String, Object> heldWithoutAReason = debrief(false);
    heldWithoutAReason.put("outcome", "HELD");
    heldWithoutAReason.remove("reasons");
    assertEquals(
        List.of("reasons"),
        errorFields(problemOf(422, () -> as(staff).post(uri, heldWithoutAReason))));
    Map<String, Object> untouchedForm = debrief(false);
    untouchedForm.remove("outcome");
    untouchedForm.put("reasons", List.of());
    untouchedForm.put("whereabouts", List.of());
    assertEquals(
        List.of("reasons"), errorFields(problemOf(422, () -> as(staff).post(uri, untouchedForm))));
    Map<String, Object> noSignsAndASign = debrief(false);
    noSignsAndASign.put("exploitationIndicators", List.of("NONE_OBSERVED", "LABOUR"));
    assertEquals(
        List.of("exploitationIndicators"),
        errorFields(problemOf(422, () -> as(staff).post(uri, noSignsAndASign))));
    Map<String, Object> noConsentAnswer = debrief(true);
    noConsentAnswer.remove("consentToResearch");
    problemOf(400, () -> as(staff).post(uri, noConsentAnswer));
    problemOf(404, () -> as(staff).put(uri, debrief(true)));
    assertEquals(List.of(0L), column("SELECT count(*) FROM debrief WHERE case_id = ?::uuid", kase));
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM debrief_version WHERE case_id = ?::uuid", kase));

    // a case still open has no debrief yet
    String open =
        aReport().of(child).by(staff).minutesAgo(10).risk("STANDARD").create().string("id");
    Json notReturned = problemOf(409, () -> debriefOf(open, debrief(true)));
    assertEquals("urn:saknad:problem:case-not-returned", notReturned.string("type"));
  }

  @Test
  void onlyTheHomeSocialServicesAndCoordinatorsRecordDebriefs() {
    String kase = returnedCase(child("Reza", "Amiri", "IR"));
    String uri = "/api/v1/cases/" + kase + "/debrief";
    String police = aUser().police("STOCKHOLM").create();
    problemOf(403, () -> as(police).post(uri, debrief(true)));
    problemOf(403, () -> as(researcher).post(uri, debrief(true)));
    problemOf(403, () -> as(adminToken()).post(uri, debrief(true)));
    String otherHomeStaff = aUser().staffOf(aHome().at(MALMO).create()).create();
    problemOf(404, () -> as(otherHomeStaff).post(uri, debrief(true)));
    String malmoSocial = aUser().socialServices("1280").create();
    problemOf(404, () -> as(malmoSocial).post(uri, debrief(true)));
    String tyresoSocial = aUser().socialServices("0138").create();
    assertEquals(1, as(tyresoSocial).post(uri, debrief(true)).integer("version"));
    problemOf(403, () -> as(police).get(uri));
  }

  @Test
  void theCodedListsHaveSwedishAndEnglishLabels() {
    Json codes = as(researcher).get("/api/v1/debriefs/codes");
    assertTrue(
        codes.keys().containsAll(List.of("reasons", "whereabouts", "exploitationIndicators")));
    Json fear = codes.list("reasons[?(@.code == 'FEAR_OF_DEPORTATION')]").get(0);
    assertEquals("Rädsla för utvisning", fear.string("sv"));
    assertEquals("Fear of deportation", fear.string("en"));
  }

  @Test
  void anOverdueDebriefIsListedAndItsSocialServicesRemindedOnce() {
    UUID child = child("Hamid", "Sultani", "AF");
    String kase = returnedCase(child);
    sql(
        "UPDATE disappearance_case SET debrief_due_by = now() - interval '1 hour' WHERE id = ?::uuid",
        kase);
    String tyresoSocial = aUser().socialServices("0138").create();
    for (String who : List.of(coordinator, tyresoSocial, staff)) {
      assertTrue(overdue(who, kase));
    }
    String malmoSocial = aUser().socialServices("1280").create();
    assertFalse(overdue(malmoSocial, kase));

    assertTrue(reminders.remindDue() >= 1);
    reminders.remindDue();
    List<Object> bodies =
        column(
            "SELECT body FROM delivery WHERE case_id = ?::uuid AND alert_id IS NULL"
                + " AND phone = '+46701999001'",
            kase);
    assertEquals(1, bodies.size(), "one reminder, not one per run");
    String body = bodies.get(0).toString();
    assertTrue(body.contains("återkomstsamtalet"), body);
    assertFalse(body.contains("Hamid"), "no name in a reminder");
    assertEquals(
        List.of(true),
        as(coordinator)
            .get("/api/v1/debriefs/overdue")
            .list("[?(@.caseId == '" + kase + "')].reminded", Boolean.class));

    debriefOf(kase, debrief(true));
    assertFalse(overdue(coordinator, kase));
  }

  @Test
  void anOverdueDebriefSaysWhichHomeWhichMunicipalityAndHowManyDaysLate() {
    UUID child = child("Nadia", "Sahak", "AF");
    String kase = returnedCase(child);
    sql(
        "UPDATE disappearance_case SET debrief_due_by = now() - interval '3 days 2 hours'"
            + " WHERE id = ?::uuid",
        kase);
    Json row =
        as(coordinator).get("/api/v1/debriefs/overdue").list().stream()
            .filter(o -> kase.equals(o.string("caseId")))
            .findFirst()
            .orElseThrow();
    assertEquals(
        as(adminToken()).get("/api/v1/homes/" + home).string("name"), row.string("homeName"));
    assertEquals("Tyresö", row.string("responsibleMunicipalityName"));
    assertEquals(3, row.integer("daysOverdue"));
    // The fields clients already read are still there.
    assertEquals("0138", row.string("responsibleMunicipalityCode"));
    assertEquals(home, row.uuid("homeId"));
  }

  // ---- research ----

  @Test
  void researchRowsAndTheCsvHoldNoPersonalData() throws Exception {
    UUID child =
        aChild()
            .inHome(home)
            .named("Zarmina", "Qasemi-Tahiri")
            .with("aliases", List.of("Zari Tahiri"))
            .with("dateOfBirth", "2009-11-05")
            .dossier("UM-77310-44")
            .with("guardian", Map.of("name", "Gunnel Strand", "phone", "+46709876543"))
            .create();
    String kase = returnedCase(child);
    Map<String, Object> withoutConsent = debrief(false);
    withoutConsent.put("childStatement", "Zarmina sa att hon sov hos en kusin i Rinkeby");
    withoutConsent.put("reasonsText", "Ville inte flytta till Kiruna");
    debriefOf(kase, withoutConsent);

    List<Json> rows = researchRowsOf(child);
    assertEquals(1, rows.size());
    Json row = rows.get(0);
    // Each value as the level research chose for every row publishes it.
    Map<String, Object> levels = row.object("generalisation");
    assertEquals(
        Map.of("number", "1", "upTo3", "1", "upTo2", "1", "suppressed", "*")
            .get(levels.get("episodes")),
        row.string("episodes"));
    assertEquals(
        Map.of("years", "16-17", "band", "16-17", "wideBand", "16+", "suppressed", "*")
            .get(levels.get("age")),
        row.string("ageBand"));
    assertEquals(levels.get("gender").equals("gender") ? "MALE" : "*", row.string("gender"));
    assertEquals(
        Map.of("nationality", "034", "region", "034", "continent", "142", "suppressed", "*")
            .get(levels.get("origin")),
        row.string("regionOfOrigin"),
        "Afghanistan lies in Southern Asia");
    assertEquals(levels.get("place").equals("suppressed") ? "*" : "01", row.string("countyCode"));
    assertTrue(row.string("quarter").matches("\\d{4}(-Q[1-4])?|\\*"));
    assertEquals(levels.get("age").equals("years") ? "16" : null, row.string("ageAtDisappearance"));
    assertEquals(
        levels.get("origin").equals("nationality") ? "AF" : null, row.string("nationality"));
    assertNull(row.string("missingHours"), "the hours are never given, only their band");
    assertEquals(
        Map.of("band", "1-3d", "wideBand", "1-7d", "suppressed", "*").get(levels.get("duration")),
        row.string("durationBand"));
    assertEquals(List.of("FEAR_OF_DEPORTATION", "TO_REACH_RELATIVES"), row.strings("reasons"));
    assertNull(row.string("childStatement"), "no consent, no words");
    assertNull(row.string("reasonsText"));

    String everything = as(researcher).get("/api/v1/research/debriefs").toString() + csv();
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
    debriefOf(returnedCase(willing), debrief(true));
    Json row = researchRowsOf(willing).get(0);
    assertEquals("Jag var rädd att skickas tillbaka", row.string("childStatement"));
    assertEquals(true, row.flag("consentToResearch"));
    assertTrue(csv().contains("Jag var rädd att skickas tillbaka"));
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAsAFormulaAreInert() throws Exception {
    UUID child = child("Formel", "Kalkylsson", "AF");
    Map<String, Object> d = debrief(true);
    d.put("childStatement", "=HYPERLINK(\"http://example.invalid\",\"Klicka\")");
    d.put("reasonsText", "@SUM(1+1)");
    debriefOf(returnedCase(child), d);
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
        researchRowsOf(child).get(0).string("childStatement"));
  }

  @Test
  void theChildKeyIsStableOverEpisodesAndDiffersBetweenChildren() throws Exception {
    // Three children alike with two episodes each, so that second episodes are not too rare.
    List<UUID> twice = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UUID child = child("Nasir", "Ahmadi", "AF");
      String one = returnedCase(child);
      debriefOf(one, debrief(true));
      sql(
          "UPDATE disappearance_case SET last_seen_at = last_seen_at - interval '10 days',"
              + " returned_at = returned_at - interval '10 days' WHERE id = ?::uuid",
          one);
      debriefOf(returnedCase(child), debrief(true));
      twice.add(child);
    }
    UUID first = twice.get(0);
    UUID second = child("Nasir", "Ahmadi", "AF");
    debriefOf(returnedCase(second), debrief(true));

    List<Json> firstRows = researchRowsOf(first);
    assertEquals(2, firstRows.size());
    Object episodes = firstRows.get(0).object("generalisation").get("episodes");
    assertEquals(
        Map.of(
                "number", java.util.Set.of("1", "2"),
                "upTo3", java.util.Set.of("1", "2"),
                "upTo2", java.util.Set.of("1", "2+"),
                "suppressed", java.util.Set.of("*"))
            .get(episodes),
        firstRows.stream()
            .map(r -> r.string("episodes"))
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(firstRows.get(0).string("childKey"), firstRows.get(1).string("childKey"));
    assertEquals(1, researchRowsOf(second).size());
    assertNotEquals(keyOf(first), keyOf(second));
    assertFalse(firstRows.get(0).string("childKey").contains(first.toString()));
  }

  @Test
  void countsArePublishedRoundedToFiveAndEveryTableAddsUpToItsTotal() {
    // Tuvalu and Nauru: no other test registers children of these nationalities.
    returnedCase(child("Ioane", "Tafua", "TV"));
    for (int i = 0; i < 3; i++) {
      returnedCase(child("Deiranauw", "Adeang" + i, "NR"));
    }
    Json stats = as(researcher).get("/api/v1/research/statistics");
    assertEquals("CONTROLLED_ROUNDING", stats.string("protection.method"));
    assertEquals(5, stats.integer("protection.base"));
    Json byNationality = stats.at("cases.byNationality");
    assertFalse(byNationality.has("TV") && byNationality.integer("TV") != 5);
    assertFalse(stats.toString().contains("<3"));
    for (String part : List.of("cases", "children")) {
      long total = stats.number(part + ".total");
      assertEquals(0, total % 5);
      for (String table :
          List.of("byMonth", "byAgeBand", "byGender", "byNationality", "byCounty")) {
        List<Long> cells = cells(stats, part + "." + table);
        assertTrue(cells.stream().allMatch(v -> v > 0 && v % 5 == 0), table + ": " + cells);
      }
    }
    long caseTotal = stats.number("cases.total");
    for (String table : List.of("byMonth", "byAgeBand", "byGender", "byNationality", "byCounty")) {
      assertEquals(caseTotal, sum(stats, "cases." + table), "cases " + table + " add up");
    }
    assertEquals(caseTotal, sum(stats, "casesByTimeToReturn"));
    long childTotal = stats.number("children.total");
    assertEquals(childTotal, sum(stats, "children.byGender"));
    assertEquals(childTotal, sum(stats, "children.byNationality"));
    assertEquals(childTotal, sum(stats, "childrenByNumberOfDisappearances"));
    for (String part : List.of("returned", "reasons", "debriefs", "period")) {
      assertTrue(stats.has(part), part);
    }
  }

  @Test
  void statisticsCoverAPeriodAndRefuseABackwardOne() {
    String today = java.time.LocalDate.now().toString();
    String yearAgo = java.time.LocalDate.now().minusYears(1).toString();
    Json stats = as(researcher).get("/api/v1/research/statistics?from=" + yearAgo + "&to=" + today);
    assertEquals(Map.of("from", yearAgo, "to", today), stats.object("period"));
    Json none = as(researcher).get("/api/v1/research/statistics?from=1999-01-01&to=1999-12-31");
    assertEquals(0, none.integer("cases.total"));
    assertEquals(
        List.of("to"),
        errorFields(
            problemOf(
                422,
                () ->
                    as(researcher)
                        .get("/api/v1/research/statistics?from=" + today + "&to=" + yearAgo))));
    problemOf(400, () -> as(researcher).get("/api/v1/research/statistics?from=igår"));
  }

  /**
   * Cases of one child last seen at noon (UTC) on these days, each back an hour later; {@code
   * withdrawn} is the index of one withdrawn as a mistake instead, or -1.
   */
  private void casesOn(UUID child, int withdrawn, String... days) {
    for (int i = 0; i < days.length; i++) {
      UUID kase = aReport().of(child).by(staff).minutesAgo(120).create().id();
      if (i == withdrawn) {
        as(staff)
            .post(
                "/api/v1/cases/" + kase + "/withdrawal", Map.of("reason", "Var hemma hela tiden"));
      } else {
        aReturn().of(kase).by(staff).create();
      }
      OffsetDateTime seen =
          java.time.LocalDate.parse(days[i]).atTime(12, 0).atOffset(ZoneOffset.UTC);
      sql(
          "UPDATE disappearance_case SET last_seen_at = ?, reported_at = ?,"
              + " returned_at = CASE WHEN returned_at IS NULL THEN NULL ELSE ? END WHERE id = ?",
          seen,
          seen.plusMinutes(10),
          seen.plusHours(1),
          kase);
    }
  }

  /** A concern about {@code child} observed at {@code at}, recorded by staff. */
  private UUID concernAt(UUID child, OffsetDateTime at, String... signs) {
    return as(staff)
        .post(
            "/api/v1/children/" + child + "/concerns",
            Map.of("observedAt", at.toString(), "signs", List.of(signs), "note", ""))
        .id();
  }

  @Test
  void concernsBySignTheirAssessmentInTimeAndRepeatChildrenAreRoundedToFive() {
    // Spring 2019: no other test puts a case or a concern there.
    String period = "from=2019-03-01&to=2019-05-31";
    UUID worried = child("Orosam", "Varsam", "AF");
    OffsetDateTime observed = OffsetDateTime.parse("2019-04-10T08:00:00Z");
    List<UUID> concerns = new java.util.ArrayList<>();
    for (int i = 0; i < 13; i++) {
      List<String> signs = new java.util.ArrayList<>(List.of("MISSES_SCHOOL"));
      if (i < 4) {
        signs.add("SUBSTANCE_USE");
      }
      if (i == 12) {
        signs.add("TALKS_OF_LEAVING");
      }
      concerns.add(concernAt(worried, observed.plusHours(i), signs.toArray(String[]::new)));
    }
    // Outside the period: counted nowhere.
    for (int i = 0; i < 5; i++) {
      concernAt(worried, OffsetDateTime.parse("2019-06-10T08:00:00Z"), "TALKS_OF_LEAVING");
    }
    // Seven assessed by their deadline, two after it, four never.
    for (int i = 0; i < 9; i++) {
      as(coordinator)
          .post(
              "/api/v1/concerns/" + concerns.get(i) + "/assessment",
              Map.of("outcome", "SUPPORT_OFFERED"));
    }
    for (int i = 7; i < 9; i++) {
      sql(
          "UPDATE concern SET assessment_due_by = assessed_at - interval '1 hour' WHERE id = ?",
          concerns.get(i));
    }

    // Seven children gone three times within 90 days, one of them with the first two before the
    // period; children who are no repeat in the period: one report of three withdrawn, three
    // cases spread wider than 90 days, three cases all after the period.
    for (int i = 0; i < 6; i++) {
      casesOn(child("Upprepad", "Gang" + i, "AF"), -1, "2019-03-20", "2019-04-10", "2019-05-01");
    }
    casesOn(child("Upprepad", "Tidigare", "AF"), -1, "2018-12-20", "2019-01-30", "2019-03-05");
    casesOn(child("Upprepad", "Aterkallad", "AF"), 1, "2019-03-20", "2019-04-10", "2019-05-01");
    casesOn(child("Upprepad", "Utspridd", "AF"), -1, "2019-01-01", "2019-03-01", "2019-05-20");
    casesOn(child("Upprepad", "Senare", "AF"), -1, "2019-06-05", "2019-06-20", "2019-07-01");

    Json stats = as(researcher).get("/api/v1/research/statistics?" + period);
    // 13 concerns; signs 13 + 4 + 1 = 18, rounded to 20 with the largest remainders going up, the
    // single TALKS_OF_LEAVING rounding to 0 and left out.
    assertEquals(15, stats.number("concerns.total"));
    assertEquals(Map.of("MISSES_SCHOOL", 15, "SUBSTANCE_USE", 5), stats.object("concerns.bySign"));
    assertEquals(20, sum(stats, "concerns.bySign"));
    // 7 in time, published as 5: the share is of the published counts, 5 of 15.
    assertEquals(5, stats.number("concerns.assessedInTime"));
    assertEquals(33.3, stats.decimal("concerns.assessedInTimeShare"), 1e-9);
    // 7 repeat children, published as 5 (one more would be 10).
    assertEquals(5, stats.number("concerns.repeatChildren"));

    Json none = as(researcher).get("/api/v1/research/statistics?from=1999-01-01&to=1999-12-31");
    assertEquals(0, none.number("concerns.total"));
    assertEquals(Map.of(), none.object("concerns.bySign"));
    assertNull(none.string("concerns.assessedInTimeShare"));
    assertEquals(0, none.number("concerns.repeatChildren"));
  }

  /** The counts of a table of the statistics (an object of label to count). */
  private static List<Long> cells(Json stats, String table) {
    return stats.list(table + ".*", Long.class);
  }

  private static long sum(Json stats, String table) {
    return cells(stats, table).stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void researchIsForResearchersAndStatisticsAlsoForCoordinators() {
    String police = aUser().police("STOCKHOLM").create();
    String social = aUser().socialServices("0138").create();
    for (String who : List.of(staff, police, social, adminToken())) {
      problemOf(403, () -> as(who).get("/api/v1/research/debriefs"));
      problemOf(403, () -> as(who).get("/api/v1/research/statistics"));
      problemOf(403, () -> as(who).exchange(HttpRequest.GET("/api/v1/research/debriefs.csv")));
    }
    problemOf(403, () -> as(coordinator).get("/api/v1/research/debriefs"));
    problemOf(401, () -> as(null).get("/api/v1/research/statistics"));
    as(coordinator).get("/api/v1/research/statistics");

    String researchReads = "SELECT count(*) FROM audit_event WHERE action LIKE 'RESEARCH_%'";
    long before = TestDatabase.count(researchReads);
    as(researcher).get("/api/v1/research/debriefs");
    csv();
    as(researcher).get("/api/v1/research/statistics");
    long after = TestDatabase.count(researchReads);
    assertEquals(before + 3, after);
  }

  // ---- retention ----

  @Test
  void retentionErasesPersonalDataAndLeavesResearchAsItWas() throws Exception {
    UUID erased =
        aChild()
            .inHome(home)
            .named("Mustafa", "Hosseini-Erase")
            .with("aliases", List.of("Musti"))
            .with("dateOfBirth", "2008-02-29")
            .dossier("UM-55501-99")
            .create();
    String kase = returnedCase(erased);
    debriefOf(kase, debrief(false));
    as(coordinator).post("/api/v1/cases/" + kase + "/status", Map.of("status", "CLOSED"));
    UUID recent = child("Jawad", "Hosseini-Kept", "AF");
    String recentCase = returnedCase(recent);
    as(coordinator).post("/api/v1/cases/" + recentCase + "/status", Map.of("status", "CLOSED"));
    sql(
        "UPDATE disappearance_case SET closed_at = now() - interval '3 years' WHERE id = ?::uuid",
        kase);

    Json statsBefore = as(researcher).get("/api/v1/research/statistics");
    Json rowsBefore = as(researcher).get("/api/v1/research/debriefs");
    String csvBefore = csv();

    assertTrue(retention.eraseExpired() >= 1);

    assertEquals(statsBefore, as(researcher).get("/api/v1/research/statistics"));
    assertEquals(rowsBefore, as(researcher).get("/api/v1/research/debriefs"));
    assertEquals(csvBefore, csv());

    Json child = as(coordinator).get("/api/v1/children/" + erased);
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
    assertEquals(2008, child.integer("estimatedBirthYear"));
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
        as(coordinator).get("/api/v1/children/" + recent).toString().contains("Hosseini-Kept"),
        "a case closed yesterday is kept");
  }
}
