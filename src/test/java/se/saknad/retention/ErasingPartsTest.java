package se.saknad.retention;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.alerts.ErasingAlertDetails;
import se.saknad.cases.ErasingCaseDetails;
import se.saknad.cases.ErasingCaseDetails.ErasedCase;
import se.saknad.children.ErasingChildRecords;
import se.saknad.debriefs.ErasingDebriefTexts;
import se.saknad.geo.GeoPoint;
import se.saknad.support.ApiTest;
import se.saknad.support.TestDatabase;

/**
 * Each feature erases its own part of a child, but only inside the retention job's one transaction:
 * a part called on its own is refused before it changes anything, so no caller can leave a child
 * half erased.
 */
@MicronautTest(transactional = false)
class ErasingPartsTest extends ApiTest {
  @Inject ErasingChildRecords childRecords;
  @Inject ErasingCaseDetails caseDetails;
  @Inject ErasingAlertDetails alertDetails;
  @Inject ErasingDebriefTexts debriefTexts;

  @Test
  void eachPartRefusesToRunOutsideTheCallersTransaction() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    UUID child = aChild().inHome(home).named("Halvdan", "Oraderad").create();
    UUID kase =
        aReport().of(child).by(staffOf(home)).lastSeenAt(TYRESO_CENTRUM).place("Ån").create().id();
    List<ErasedCase> cases = List.of(new ErasedCase(kase, new GeoPoint(59.24, 18.23)));

    assertAll(
        () ->
            assertThrows(
                TransactionException.class,
                () -> childRecords.lockForErasure(child, Instant.now())),
        () ->
            assertThrows(
                TransactionException.class,
                () -> childRecords.erase(List.of(child), Instant.now())),
        () -> assertThrows(TransactionException.class, () -> caseDetails.eraseCasesOf(child)),
        () -> assertThrows(TransactionException.class, () -> alertDetails.eraseAlertsOf(cases)),
        () ->
            assertThrows(
                TransactionException.class,
                () -> debriefTexts.eraseTextsWithoutConsent(List.of(kase))));
    assertEquals(
        "Halvdan",
        TestDatabase.value(String.class, "SELECT given_name FROM child WHERE id = ?", child));
    assertEquals(
        "Ån",
        TestDatabase.value(
            String.class, "SELECT last_seen_place FROM disappearance_case WHERE id = ?", kase));
  }
}
