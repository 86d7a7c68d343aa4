package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.retention.ErasingPersonalData;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/** The children's words are redacted when recorded, follow the record, and outlive erasure. */
@MicronautTest(transactional = false)
class RedactedWordsTest extends ApiTest {
  @Inject ErasingPersonalData retention;

  private UUID home;
  private String staff;
  private String coordinator;
  private String researcher;

  @BeforeAll
  void aHomeAndItsPeople() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    coordinator = aUser().coordinator().create();
    researcher = aUser().researcher().create();
  }

  /** A case back yesterday, debriefed with consent and these words; its id. */
  private String debriefed(UUID child, String words) {
    OffsetDateTime seen =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).truncatedTo(ChronoUnit.SECONDS);
    String kase = aReport().of(child).by(staff).lastSeen(seen).risk("HIGH").create().string("id");
    aReturn().of(kase).by(staff).at(seen.plusDays(1)).create();
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", seen.plusDays(2).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("consentToResearch", true);
    d.put("reasons", List.of("TO_REACH_RELATIVES"));
    d.put("childStatement", words);
    as(staff).post("/api/v1/cases/" + kase + "/debrief", d);
    return kase;
  }

  private List<Json> quotesContaining(String fragment) {
    return as(researcher).get("/api/v1/research/quotes").list().stream()
        .filter(q -> q.string("statement").contains(fragment))
        .toList();
  }

  private void eraseLongAfter(String kase) {
    as(coordinator).post("/api/v1/cases/" + kase + "/status", Map.of("status", "CLOSED"));
    sql(
        "UPDATE disappearance_case SET closed_at = now() - interval '3 years' WHERE id = ?::uuid",
        kase);
    assertTrue(retention.eraseExpired() >= 1);
  }

  @Test
  void wordsAreRedactedWhenTheDebriefIsRecordedAndStayRedactedAfterErasure() {
    UUID child = aChild().inHome(home).named("Leyla", "Sällström").create();
    String kase =
        debriefed(child, "Leyla här. Min kompis bor på Kungsvägen 3, ring 08-123 456 78.");
    // Redacted in the transaction that recorded the debrief, before anyone read research.
    assertEquals(
        List.of("[namn] här. Min kompis bor på [adress], ring [telefon]."),
        column("SELECT child_statement FROM research_text WHERE case_id = ?::uuid", kase));
    List<Json> before = quotesContaining("Min kompis bor på");
    assertEquals(1, before.size());

    eraseLongAfter(kase);

    // The record no longer says her name; the words kept for research still leave it out.
    assertEquals(
        "Raderad", column("SELECT given_name FROM child WHERE id = ?", child).get(0).toString());
    List<Json> after = quotesContaining("Min kompis bor på");
    assertEquals(
        before.stream().map(q -> q.string("statement")).toList(),
        after.stream().map(q -> q.string("statement")).toList());
    assertFalse(as(researcher).get("/api/v1/research/quotes").toString().contains("Leyla"));
  }

  @Test
  void wordsErasedWithoutAKeptRedactionAreNotPublished() {
    UUID child = aChild().inHome(home).named("Farhad", "Gammalsson").create();
    String kase = debriefed(child, "Farhad sov hos sin morbror i Uppsala.");
    assertEquals(1, quotesContaining("sov hos sin morbror i Uppsala").size());
    // As for a debrief recorded before the redaction was kept: nothing to publish once the record
    // can no longer say which names to take out.
    sql("DELETE FROM research_text WHERE case_id = ?::uuid", kase);
    eraseLongAfter(kase);
    assertEquals(List.of(), quotesContaining("sov hos sin morbror i Uppsala"));
  }

  @Test
  void aNameOrReferenceAddedToTheRecordLaterIsRedactedAndTheApprovalOfTheOldTextLapses() {
    UUID child = aChild().inHome(home).named("Samir", "Namnbyte").create();
    String kase = debriefed(child, "Kalla mig Sami. Jag sov hos en vän. Polisen skrev POLABC-77.");
    Json quote = quotesContaining("Jag sov hos en vän").get(0);
    assertEquals(
        "Kalla mig Sami. Jag sov hos en vän. Polisen skrev POLABC-77.", quote.string("statement"));
    as(researcher).post("/api/v1/research/quotes/" + quote.string("id") + "/approval", Map.of());
    assertTrue(quotesContaining("Jag sov hos en vän").get(0).flag("approved"));

    Map<String, Object> profile = profile(home, "Samir", "Namnbyte");
    profile.put("aliases", List.of("Sami"));
    as(coordinator).put("/api/v1/children/" + child, profile);
    as(coordinator)
        .put(
            "/api/v1/cases/" + kase + "/police-reference",
            Map.of("reference", "POLABC-77", "sisAlert", false));

    Json now = quotesContaining("Jag sov hos en vän").get(0);
    assertEquals(
        "Kalla mig [namn]. Jag sov hos en vän. Polisen skrev [nummer].", now.string("statement"));
    assertFalse(now.flag("approved"), "the approval was for the text with the name");
  }
}
