package se.saknad.alerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static se.saknad.support.TestDatabase.planWithoutSequentialScans;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/**
 * The answer to a report names who the first alert reached. case_audience grows by some twenty rows
 * a report, so reading it must go through an index: on a registry of 60,000 children and 300,000
 * audience rows the read took 150 ms of each report while it scanned the table.
 */
@MicronautTest(transactional = false)
class AudiencePlanTest extends ApiTest {
  @Test
  void theFirstAlertsAudienceIsReadThroughAnIndex() {
    UUID anyCase = UUID.randomUUID();
    UUID anyAlert = UUID.randomUUID();
    String plan =
        planWithoutSequentialScans(Alerting.FIRST_AUDIENCE, anyCase, anyAlert, anyCase, anyAlert);
    assertFalse(plan.contains("Seq Scan on case_audience"), plan);
  }
}
