package se.saknad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.StatementCounter;
import se.saknad.support.TestDatabase;

/** Lists read each kind of thing once, however many rows they show. */
@MicronautTest(transactional = false)
class StatementsPerListTest extends ApiTest {
  /** Sign-in checks, the list, audit and each part of a view, with room for one more part. */
  private static final int SMALL_CONSTANT = 20;

  @BeforeAll
  static void countStatements() {
    StatementCounter.start();
  }

  @AfterAll
  static void stopCounting() {
    StatementCounter.stop();
  }

  @Test
  void listingTwoHundredOpenCasesRunsAsManyStatementsAsListingOne() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    UUID child = aChild().inHome(home).named("Listad", "Forsta").create();
    UUID first =
        aReport()
            .of(child)
            .by(staff)
            .lastSeenAt(TYRESO_CENTRUM)
            .place("Tyresö centrum")
            .clothing("Grön jacka")
            .risk("HIGH")
            .create()
            .id();
    as(staff)
        .post(
            "/api/v1/cases/" + first + "/sightings",
            Map.of(
                "seenAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString(),
                "location",
                TYRESO_CENTRUM,
                "note",
                "vid busshållplatsen"));

    String coordinator = aUser().coordinator().create();
    String police = aUser().police("STOCKHOLM").create();
    String social = aUser().socialServices("0180").create();
    int coordinatorOne = statements(coordinator, "/api/v1/cases?status=MISSING");
    int policeOne = statements(police, "/api/v1/cases?status=MISSING");

    // 199 more open cases like the first (other children of the same home), each with its alert
    // and a sighting, and a social services office where the children went missing.
    sql(
        """
        WITH n AS (SELECT i, gen_random_uuid() AS child_id, gen_random_uuid() AS case_id,
                          gen_random_uuid() AS alert_id
                   FROM generate_series(1, 199) AS i),
        children AS (
          INSERT INTO child
          SELECT (jsonb_populate_record(c, jsonb_build_object('id', n.child_id))).*
          FROM child c, n WHERE c.id = ?),
        cases AS (
          INSERT INTO disappearance_case
          SELECT (jsonb_populate_record(d, jsonb_build_object('id', n.case_id,
                    'child_id', n.child_id, 'code', (90000 + n.i)::text,
                    'municipality_code', '0180'))).*
          FROM disappearance_case d, n WHERE d.id = ?),
        alerts AS (
          INSERT INTO alert
          SELECT (jsonb_populate_record(a, jsonb_build_object('id', n.alert_id,
                    'case_id', n.case_id))).*
          FROM alert a, n WHERE a.case_id = ? AND a.sequence = 1)
        INSERT INTO sighting
        SELECT (jsonb_populate_record(s, jsonb_build_object('id', gen_random_uuid(),
                  'case_id', n.case_id))).*
        FROM sighting s, n WHERE s.case_id = ?
        """,
        child,
        first,
        first,
        first);
    assertEquals(
        200L,
        TestDatabase.count(
            "SELECT count(*) FROM disappearance_case d JOIN child c ON c.id = d.child_id"
                + " WHERE c.home_id = ? AND d.status = 'MISSING'",
            home));

    int coordinatorMany = statements(coordinator, "/api/v1/cases?status=MISSING");
    int policeMany = statements(police, "/api/v1/cases?status=MISSING");
    int socialMany = statements(social, "/api/v1/cases?status=MISSING");
    // A part with no rows for the single case (nothing to look up) may add one statement.
    assertTrue(
        coordinatorMany <= coordinatorOne + 2,
        "coordinator: " + coordinatorOne + ", " + coordinatorMany);
    assertTrue(policeMany <= policeOne + 2, "police: " + policeOne + ", " + policeMany);
    assertEquals(
        199, as(social).get("/api/v1/cases?status=MISSING").size(), "missing in Stockholm");
    for (int n : List.of(coordinatorMany, policeMany, socialMany)) {
      assertTrue(n <= SMALL_CONSTANT, "statements for one list: " + n);
    }
    assertTrue(
        as(coordinator).get("/api/v1/cases?status=MISSING").size() >= 200, "all cases listed");
  }

  @Test
  void listingRecipientsRunsTwoQueriesWhateverTheirNumber() {
    String admin = adminToken();
    int before = statements(admin, "/api/v1/recipients");
    for (int i = 0; i < 30; i++) {
      aRecipient()
          .named("Listjour " + i)
          .shelter()
          .coveringCircle(KIRUNA, 2000 + i)
          .contact("Jour", "+4670900" + String.format("%04d", i))
          .contact("Reserv", "+4670901" + String.format("%04d", i))
          .by(admin)
          .create();
    }
    int after = statements(admin, "/api/v1/recipients");
    assertEquals(before, after, "statements before and after adding 30 recipients");
    assertTrue(after <= 4, "statements for the recipient list: " + after);
  }

  /**
   * Statements the service ran to answer one GET, the second time it is asked (the first request of
   * a token may read what later ones find cached).
   */
  private int statements(String token, String uri) {
    count(token, uri);
    return count(token, uri);
  }

  private int count(String token, String uri) {
    String label = UUID.randomUUID().toString();
    as(token).exchange(HttpRequest.GET(uri).header(StatementCounter.HEADER, label));
    int counted = StatementCounter.count(label);
    assertTrue(counted > 0, "the counter saw the request's statements");
    return counted;
  }
}
