package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementRedactionTest {
  private static final StatementRedaction.Known AMINA =
      new StatementRedaction.Known(
          List.of("Amina", "Sällsynt", "Mina", "Eva Lindqvist"),
          List.of("Solgårdens HVB", "Tallvägen 3"),
          List.of("UM-4471-22", "4821", "+46709876543"),
          List.of(LocalDate.of(2009, 4, 12)));

  private static String redact(String text) {
    return StatementRedaction.redact(text, AMINA);
  }

  @Test
  void theChildsNamesAliasesAndGuardianAreTakenFromTheRecord() {
    assertEquals(
        "Jag heter [namn] [namn] men alla kallar mig [namn]. [namn] kompis, och min gode man"
            + " [namn] vet inget.",
        redact(
            "Jag heter Amina Sällsynt men alla kallar mig Mina. Aminas kompis, och min gode man"
                + " Eva Lindqvist vet inget."));
    // Without diacritics, in capitals: still her name; a word that only contains it stays.
    assertEquals("[namn] [namn] sa Aminata.", redact("AMINA Sallsynt sa Aminata."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "070-123 45 67",
        "070-1234567",
        "0701234567",
        "070 123 45 67",
        "+46 70 123 45 67",
        "+46701234567",
        "0046 70 123 45 67",
        "+46 (0)70-123 45 67",
        "08-123 456 78",
        "031-12 34 56",
        "073-000 00 00"
      })
  void swedishPhoneNumbersInEveryCommonForm(String phone) {
    assertEquals(
        "Ring mig på " + StatementRedaction.PHONE + " i kväll.",
        redact("Ring mig på " + phone + " i kväll."),
        phone);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Storgatan 12",
        "storgatan 12",
        "Drottninggatan 5B",
        "Sankt Eriksgatan 12 lgh 1102",
        "Kungsvägen 3",
        "Lilla Torget 4",
        "Tallvägen 3",
        "Åsgränd 7",
        "Björkbacken 14 A",
        "Drottninggatan"
      })
  void streetAddresses(String address) {
    assertEquals(
        "Jag sov hos en kompis på " + StatementRedaction.ADDRESS + " i Gävle.",
        redact("Jag sov hos en kompis på " + address + " i Gävle."),
        address);
  }

  @Test
  void postcodesEmailAddressesAndTheHome() {
    assertEquals(
        "Hon bor på [adress], [adress]. Skriv till [e-post]. Jag bodde på [adress].",
        redact(
            "Hon bor på Kungsvägen 3, 135 40 Tyresö. Skriv till amina.s+hem@example.com. Jag"
                + " bodde på Solgårdens HVB."));
  }

  @Test
  void dossierCaseAndPersonalNumbersAndDates() {
    assertEquals(
        "Mitt dossiernummer är [nummer], ärende [nummer] och polisens [nummer]. Jag är född"
            + " [datum] ([nummer]), eller [datum], eller [datum]. Jag gick den [datum].",
        redact(
            "Mitt dossiernummer är UM 4471 22, ärende 4821 och polisens 5000-K123456-26. Jag är"
                + " född 2009-04-12 (090412-1234), eller 12/4/2009, eller 12 april 2009. Jag gick"
                + " den 3 maj."));
    assertEquals("Född [datum].", redact("Född 20090412."));
  }

  @Test
  void ordinaryWordsAndNumbersStay() {
    String text =
        "Jag var borta i 3 dagar och 2 nätter, på vägen hem köpte jag mat för 150 kronor. Det"
            + " var år 2024 och vi var 12 stycken på gatan. Jag åkte buss 4.";
    assertEquals(text, redact(text));
    assertNull(StatementRedaction.redact(null, AMINA));
    assertEquals("", StatementRedaction.redact("", AMINA));
  }

  @Test
  void theIssuesStatement() {
    String statement =
        "Jag heter Amina Sällsynt. Jag sov hos min kompis på Storgatan 12 i Gävle, ring"
            + " 070-123 45 67 eller +46 70 765 43 21 om ni vill veta.";
    String redacted = redact(statement);
    for (String secret :
        List.of("Amina", "Sällsynt", "Storgatan", "12", "070", "123 45 67", "765 43 21")) {
      assertFalse(redacted.contains(secret), secret + " in " + redacted);
    }
    assertEquals(
        "Jag heter [namn] [namn]. Jag sov hos min kompis på [adress] i Gävle, ring [telefon]"
            + " eller [telefon] om ni vill veta.",
        redacted);
  }
}
