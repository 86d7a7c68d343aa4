package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

/** The repeat pattern, the risk questions and the police's own reference on a case. */
@MicronautTest(transactional = false)
class BetweenDisappearancesTest extends ApiTest {
  private static final String SOCIAL = "+46704200001";
  private static final String POLICE_NORD = "+46704200010";

  private UUID home;
  private String staff;
  private String coordinator;
  private String police;
  private String unboundPoliceElsewhere;

  @BeforeAll
  void homeInKiruna() {
    coordinator = aUser().coordinator().create();
    aRecipient()
        .named("Socialtjänsten Kiruna")
        .socialServices()
        .covering("2584")
        .phone(SOCIAL)
        .create();
    UUID desk =
        aRecipient()
            .named("Polisen Nord")
            .police()
            .coveringRegion("NORD")
            .phone(POLICE_NORD)
            .create();
    home = aHome().at(KIRUNA).create();
    staff = staffOf(home);
    police = aUser().police("NORD").forRecipient(desk).create();
    unboundPoliceElsewhere = aUser().police("SYD").create();
  }

  private UUID child() {
    return aChild().inHome(home).aged(16).responsibleMunicipality("2584").create();
  }

  /** A case last seen {@code daysAgo} days ago, back an hour later. */
  private Json episode(UUID child, int daysAgo) {
    OffsetDateTime seen = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo);
    Json kase = aReport().of(child).by(staff).lastSeen(seen).lastSeenAt(KIRUNA).create();
    aReturn().of(kase.id()).by(staff).at(seen.plusHours(1)).create();
    return kase;
  }

  // ---- the repeat pattern ----

  @Test
  void theThirdCaseInNinetyDaysMakesARepeatOnTheChildAndTheCase() {
    UUID child = child();
    assertEquals(
        0, as(staff).get("/api/v1/children/" + child).integer("pattern.episodesLast90Days"));
    // One long ago does not count; two recorded late, weeks back, do.
    episode(child, 200);
    Json first = episode(child, 40);
    Json second = episode(child, 20);
    assertFalse(first.flag("repeatMissing"));
    assertFalse(second.flag("repeatMissing"));
    Json pattern = as(staff).get("/api/v1/children/" + child).at("pattern");
    assertEquals(2, pattern.integer("episodesLast90Days"));
    assertFalse(pattern.flag("repeat"));

    Json third = aReport().of(child).by(staff).minutesAgo(30).lastSeenAt(KIRUNA).create();
    assertTrue(third.flag("repeatMissing"));
    assertEquals(3, third.integer("episodesInWindow"));
    assertTrue(as(police).get("/api/v1/cases/" + third.id()).flag("repeatMissing"));
    pattern = as(staff).get("/api/v1/children/" + child).at("pattern");
    assertEquals(3, pattern.integer("episodesLast90Days"));
    assertTrue(pattern.flag("repeat"));

    // Social services read it in their SMS; the police's SMS is the usual alert.
    String toSocial =
        TestDatabase.value(
            String.class,
            "SELECT body FROM delivery WHERE case_id = ? AND phone = ? AND alert_id IS NOT NULL",
            third.id(),
            SOCIAL);
    assertTrue(toSocial.contains("Upprepat försvunnen: 3 gånger på 90 dagar."), toSocial);
    String toPolice =
        TestDatabase.value(
            String.class,
            "SELECT body FROM delivery WHERE case_id = ? AND phone = ?",
            third.id(),
            POLICE_NORD);
    assertFalse(toPolice.contains("Upprepat"), toPolice);

    // An indicator suggesting a referral to the coordinator; the child is not classified.
    List<Json> referrals =
        as(coordinator).get("/api/v1/referrals").list("[?(@.caseId == '" + third.id() + "')]");
    assertEquals(1, referrals.size());
    assertEquals(List.of("REPEAT_MISSING"), referrals.get(0).strings("reasons"));
    List<String> indicators = as(staff).get("/api/v1/children/" + child).strings("riskIndicators");
    assertFalse(indicators.contains("SUSPECTED_TRAFFICKING"), indicators.toString());
    assertFalse(indicators.contains("SUSPECTED_EXPLOITATION"), indicators.toString());
    assertTrue(
        as(coordinator)
            .get("/api/v1/referrals")
            .list("[?(@.caseId == '" + second.id() + "')]")
            .isEmpty());
  }

  // ---- risk questions ----

  @Test
  void theQuestionsSayWhichGradeEachRaisesTo() {
    Json questions = as(staff).get("/api/v1/cases/risk-questions");
    assertEquals(List.of("HIGH"), questions.strings("[?(@.code == 'MEDICATION')].raises"));
    assertEquals(List.of("ELEVATED"), questions.strings("[?(@.code == 'NIGHT_IN_WINTER')].raises"));
    assertTrue(questions.strings("[*].text").contains("Barnet är gravid"));
  }

  @Test
  void aHighRaisingAnswerWithNoGradeGivesHighWithTheReason() {
    Json kase =
        aReport()
            .of(child())
            .by(staff)
            .lastSeenAt(KIRUNA)
            .with("riskLevel", null)
            .with(
                "riskAnswers",
                Map.of("SELF_HARM", true, "NIGHT_IN_WINTER", true, "PREGNANCY", false))
            .create();
    assertEquals("HIGH", kase.string("riskLevel"));
    assertEquals("HIGH", kase.string("riskAssessment.level"));
    assertEquals(List.of("SELF_HARM", "NIGHT_IN_WINTER"), kase.strings("riskAssessment.reasons"));
    assertEquals(30000, kase.integer("searchArea.radiusMeters"));
  }

  @Test
  void gradingBelowTheAnswersNeedsAReasonWhichIsAudited() {
    UUID child = child();
    Map<String, Object> answers = Map.of("MEDICATION", true);
    Json problem =
        problemOf(
            422,
            () ->
                aReport()
                    .of(child)
                    .by(staff)
                    .lastSeenAt(KIRUNA)
                    .risk("STANDARD")
                    .with("riskAnswers", answers)
                    .create());
    assertEquals(List.of("riskOverrideReason"), errorFields(problem));
    assertEquals(
        0L,
        TestDatabase.count("SELECT count(*) FROM disappearance_case WHERE child_id = ?", child));
    problemOf(
        400,
        () ->
            aReport()
                .of(child)
                .by(staff)
                .lastSeenAt(KIRUNA)
                .with("riskAnswers", Map.of("LOOKS_WORRIED", true))
                .create());
    problemOf(400, () -> aReport().of(child).by(staff).with("riskLevel", null).create());

    Json kase =
        aReport()
            .of(child)
            .by(staff)
            .lastSeenAt(KIRUNA)
            .risk("STANDARD")
            .with("riskAnswers", answers)
            .with("riskOverrideReason", "Medicinen finns med i ryggsäcken")
            .create();
    assertEquals("STANDARD", kase.string("riskLevel"));
    assertEquals("HIGH", kase.string("riskAssessment.level"));
    assertEquals("Medicinen finns med i ryggsäcken", kase.string("riskAssessment.overrideReason"));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE case_id = ?"
                + " AND action = 'CASE_RISK_GRADED_BELOW_ANSWERS'",
            kase.id()));
  }

  @Test
  void aReportWithoutAnswersIsGradedAsBefore() {
    Json kase = aReport().of(child()).by(staff).lastSeenAt(KIRUNA).risk("ELEVATED").create();
    assertEquals("ELEVATED", kase.string("riskLevel"));
    assertFalse(kase.toString().contains("riskAssessment"), kase.toString());
  }

  // ---- the police's reference ----

  @Test
  void thePoliceRecordTheirReferenceAndSisAlertAndEveryReaderSeesIt() {
    Json kase = aReport().of(child()).by(staff).lastSeenAt(KIRUNA).risk("HIGH").create();
    String uri = "/api/v1/cases/" + kase.id() + "/police-reference";
    Map<String, Object> reference = new HashMap<>();
    reference.put("reference", "5000-K123456-26");
    reference.put("sisAlert", true);
    reference.put("sisCategory", "CHILD_AT_RISK_OF_TRAFFICKING");

    problemOf(403, () -> as(staff).put(uri, reference));
    problemOf(404, () -> as(unboundPoliceElsewhere).put(uri, reference));
    Map<String, Object> noCategory = new HashMap<>(reference);
    noCategory.remove("sisCategory");
    assertEquals(
        List.of("sisCategory"), errorFields(problemOf(422, () -> as(police).put(uri, noCategory))));
    problemOf(400, () -> as(police).put(uri, Map.of("reference", "5000-K1", "sisAlert", "yes")));
    problemOf(
        400,
        () ->
            as(police)
                .put(
                    uri,
                    Map.of("reference", "5000", "sisAlert", true, "sisCategory", "SOMETHING")));
    assertNull(as(staff).get("/api/v1/cases/" + kase.id()).read("policeReference", Object.class));

    Json set = as(police).put(uri, reference);
    assertEquals("5000-K123456-26", set.string("reference"));
    Json seen = as(staff).get("/api/v1/cases/" + kase.id());
    assertEquals("5000-K123456-26", seen.string("policeReference.reference"));
    assertTrue(seen.flag("policeReference.sisAlert"));
    assertEquals("CHILD_AT_RISK_OF_TRAFFICKING", seen.string("policeReference.sisCategory"));
    assertTrue(seen.has("policeReference.setAt"));
    assertEquals(
        "5000-K123456-26",
        as(coordinator)
            .get("/api/v1/cases?status=MISSING")
            .list("[?(@.id == '" + kase.id() + "')]")
            .get(0)
            .string("policeReference.reference"));
    // A coordinator corrects it; the change is audited each time.
    as(coordinator).put(uri, Map.of("reference", "5000-K123456-26", "sisAlert", false));
    assertFalse(as(staff).get("/api/v1/cases/" + kase.id()).flag("policeReference.sisAlert"));
    assertEquals(
        2L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE case_id = ? AND action = 'POLICE_REFERENCE_SET'",
            kase.id()));
  }

  @Test
  void theSearchSheetSaysWhichYellowNoticeIdentifiersTheProfileLacks() {
    UUID full = child();
    Json complete = aReport().of(full).by(staff).lastSeenAt(KIRUNA).create();
    assertEquals(List.of(), complete.strings("sheet.yellowNoticeMissing"));
    UUID sparse =
        aChild()
            .inHome(home)
            .gender("UNKNOWN")
            .with("dateOfBirth", null)
            .with("estimatedBirthYear", OffsetDateTime.now().getYear() - 16)
            .with("description", "")
            .responsibleMunicipality("2584")
            .create();
    Json kase = aReport().of(sparse).by(staff).lastSeenAt(KIRUNA).create();
    assertEquals(
        List.of("SEX", "PHOTO_OR_DESCRIPTION"),
        as(police).get("/api/v1/cases/" + kase.id()).strings("sheet.yellowNoticeMissing"));
  }
}
