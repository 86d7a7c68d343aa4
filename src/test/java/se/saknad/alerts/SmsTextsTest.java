package se.saknad.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.cases.CaseApi;
import se.saknad.cases.Cases.CaseFacts;

/** Alert texts stay in GSM-7 and within two segments, counted by the real rules. */
class SmsTextsTest {
  private final AlertTexts texts =
      new AlertTexts("https://saknad.example.se", java.time.Duration.ofDays(90));

  private static CaseFacts facts(String place, String clothing) {
    return facts(place, clothing, false);
  }

  private static CaseFacts facts(String place, String clothing, boolean repeat) {
    return facts(place, clothing, repeat, CaseApi.RiskLevel.HIGH);
  }

  private static CaseFacts facts(
      String place, String clothing, boolean repeat, CaseApi.RiskLevel risk) {
    return new CaseFacts(
        UUID.fromString("6f1c0e0a-2b7d-4d51-9c7e-0d2a1f3b4c5d"),
        "4821",
        CaseApi.Status.MISSING,
        UUID.randomUUID(),
        "Amir",
        15,
        "MALE",
        Instant.parse("2026-11-23T19:40:00Z"),
        place,
        clothing,
        risk,
        "0138",
        "0138",
        null,
        null,
        null,
        null,
        repeat,
        repeat ? 3 : 1);
  }

  @Test
  void theGradeReadsAsThePagesSayItNeverAsItsCode() {
    // The pages (app.js RISK) say Hög, Förhöjd, Normal: the SMS says the same words.
    java.util.Map<CaseApi.RiskLevel, String> words =
        java.util.Map.of(
            CaseApi.RiskLevel.HIGH, "Risk: Hög.",
            CaseApi.RiskLevel.ELEVATED, "Risk: Förhöjd.",
            CaseApi.RiskLevel.STANDARD, "Risk: Normal.");
    words.forEach(
        (level, said) -> {
          String text =
              texts.alert(facts("Tyresö centrum", "Röd jacka", false, level), AlertKind.ALERT);
          assertTrue(text.contains(said), text);
          assertFalse(text.contains(level.name()), text);
        });
  }

  @Test
  void aRepeatCaseSaysSoToSocialServicesOnlyWithinTwoSegments() {
    String clothing = "Svart dunjacka, grå mjukisbyxor, vita sneakers, röd ryggsäck ".repeat(4);
    CaseFacts repeat = facts("Tyresö centrum", clothing, true);
    String social = texts.alert(repeat, AlertKind.ALERT, true);
    assertTrue(social.contains("Upprepat försvunnen: 3 gånger på 90 dagar."), social);
    assertEquals(2, SmsSegments.segments(social), social);
    assertTrue(SmsSegments.isGsm7(social), social);
    assertFalse(texts.alert(repeat, AlertKind.ALERT).contains("Upprepat"));
    assertFalse(
        texts
            .alert(facts("Tyresö centrum", "Röd jacka"), AlertKind.ALERT, true)
            .contains("Upprepat"));
  }

  @Test
  void aShortenedTextStaysInGsm7WithinTwoSegments() {
    String clothing =
        "Svart dunjacka med päls på luvan – “North Face”, grå mjukisbyxor, vita sneakers"
            + " (Nike), röd ryggsäck med reflexer, mörkblå mössa, svarta vantar ".repeat(4);
    String text =
        texts.alert(facts("Busshållplatsen vid Tyresö centrum, läge B", clothing), AlertKind.ALERT);
    assertTrue(SmsSegments.isGsm7(text), "GSM-7 only: " + text);
    assertFalse(text.contains("…"), text);
    assertEquals(2, SmsSegments.segments(text), text);
    assertTrue(text.contains("..."), "shortened with three dots: " + text);
    assertTrue(text.endsWith("/c/bxwOCit9TVGcfg0qHztMXQ"), text);
  }

  @Test
  void segmentsAreCountedByTheRealRules() {
    assertEquals(1, SmsSegments.segments("a".repeat(160)));
    assertEquals(2, SmsSegments.segments("a".repeat(161)));
    assertEquals(2, SmsSegments.segments("a".repeat(306)));
    assertEquals(3, SmsSegments.segments("a".repeat(307)));
    // € and [ are extension characters: two septets each.
    assertEquals(2, SmsSegments.segments("€".repeat(81)));
    // One character outside GSM-7 makes the whole text UCS-2: 70, then 67 a segment.
    assertEquals(1, SmsSegments.segments("…" + "a".repeat(69)));
    assertEquals(2, SmsSegments.segments("…" + "a".repeat(70)));
    assertEquals(5, SmsSegments.segments("…" + "a".repeat(300)));
    assertTrue(SmsSegments.isGsm7("Åsa, Östra Ängby: hög risk"));
  }
}
