package se.saknad.alerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static se.saknad.support.TestDatabase.column;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
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
    // With sequential scans priced out, a plan that still scans the table has no index to use.
    sql("SET enable_seqscan = off");
    try {
      UUID anyCase = UUID.randomUUID();
      UUID anyAlert = UUID.randomUUID();
      List<Object> plan =
          column("EXPLAIN " + Alerting.FIRST_AUDIENCE, anyCase, anyAlert, anyCase, anyAlert);
      String text = plan.stream().map(String::valueOf).collect(Collectors.joining("\n"));
      assertFalse(text.contains("Seq Scan on case_audience"), text);
    } finally {
      sql("RESET enable_seqscan");
    }
  }
}
