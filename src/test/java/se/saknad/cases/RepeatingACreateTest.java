package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * A page or client that did not hear the answer (a 503 during a failover, a connection broken at
 * COMMIT) sends the create again with the same Idempotency-Key: it gets what the first one made,
 * and nothing is made twice.
 */
@MicronautTest(transactional = false)
class RepeatingACreateTest extends ApiTest {
  private UUID home;
  private String staff;

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
  }

  private HttpResponse<String> send(String path, Object body, String key) {
    MutableHttpRequest<Object> request = HttpRequest.POST(path, body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return as(staff).exchange(request);
  }

  @Test
  void aReportSentTwiceWithTheSameKeyIsOneCaseAndTheSameAnswer() {
    UUID child = aChild().inHome(home).named("Ekot", "Nyckelsson").by(staff).create();
    Map<String, Object> report = aReport().of(child).by(staff).minutesAgo(20).risk("HIGH").body();
    String path = "/api/v1/children/" + child + "/disappearances";
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = send(path, report, key);
    HttpResponse<String> again = send(path, report, key);
    assertEquals(201, first.getStatus().getCode());
    assertEquals(201, again.getStatus().getCode());
    Json one = Json.parse(first.body());
    Json two = Json.parse(again.body());
    assertEquals(one.string("id"), two.string("id"));
    assertEquals(one.string("code"), two.string("code"));
    assertEquals(
        List.of(1L), column("SELECT count(*) FROM disappearance_case WHERE child_id = ?", child));

    // the return, sent twice, is one return
    Map<String, Object> back =
        Map.of(
            "returnedAt", OffsetDateTime.now().minusMinutes(2).toString(),
            "foundBy", "Kom själv",
            "condition", "Trött");
    String returnKey = UUID.randomUUID().toString();
    String returnPath = "/api/v1/cases/" + one.string("id") + "/return";
    assertEquals(200, send(returnPath, back, returnKey).getStatus().getCode());
    assertEquals(200, send(returnPath, back, returnKey).getStatus().getCode());
    assertEquals(
        List.of(1L),
        column("SELECT count(*) FROM case_return WHERE case_id = ?::uuid", one.string("id")));
  }

  @Test
  void aConcernAndItsReportSentTwiceWithTheSameKeyAreOneEachAndTheSameAnswer() {
    UUID child = aChild().inHome(home).named("Nyckla", "Nyckelsson").by(staff).create();
    Map<String, Object> concern =
        Map.of(
            "observedAt",
            OffsetDateTime.now().minusHours(1).toString(),
            "signs",
            List.of("TALKS_OF_LEAVING"),
            "note",
            "Pratade om att åka till en kusin");
    String path = "/api/v1/children/" + child + "/concerns";
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = send(path, concern, key);
    HttpResponse<String> again = send(path, concern, key);
    assertEquals(201, first.getStatus().getCode());
    assertEquals(201, again.getStatus().getCode());
    String id = Json.parse(first.body()).string("id");
    assertEquals(id, Json.parse(again.body()).string("id"));
    assertEquals(List.of(1L), column("SELECT count(*) FROM concern WHERE child_id = ?", child));
    long notices =
        (Long) column("SELECT count(*) FROM delivery WHERE subject_id = ?::uuid", id).get(0);

    // the concern turned into a report, sent twice, is one case
    Map<String, Object> report = aReport().of(child).by(staff).minutesAgo(10).body();
    String reportPath = "/api/v1/concerns/" + id + "/disappearance";
    String reportKey = UUID.randomUUID().toString();
    HttpResponse<String> reported = send(reportPath, report, reportKey);
    HttpResponse<String> reportedAgain = send(reportPath, report, reportKey);
    assertEquals(201, reported.getStatus().getCode());
    assertEquals(201, reportedAgain.getStatus().getCode());
    assertEquals(
        Json.parse(reported.body()).string("id"), Json.parse(reportedAgain.body()).string("id"));
    assertEquals(
        List.of(1L), column("SELECT count(*) FROM disappearance_case WHERE child_id = ?", child));
    assertEquals(
        List.of(notices),
        column("SELECT count(*) FROM delivery WHERE subject_id = ?::uuid", id),
        "the concern's SMS were sent once");
  }

  @Test
  void theSameKeyForAnotherRequestIsRefusedAndCreatesNothing() {
    UUID child = aChild().inHome(home).named("Annan", "Nyckelsson").by(staff).create();
    UUID other = aChild().inHome(home).named("Tredje", "Nyckelsson").by(staff).create();
    String key = UUID.randomUUID().toString();
    send(
        "/api/v1/children/" + child + "/disappearances",
        aReport().of(child).by(staff).minutesAgo(20).risk("HIGH").body(),
        key);
    Json problem =
        problemOf(
            422,
            () ->
                send(
                    "/api/v1/children/" + other + "/disappearances",
                    aReport().of(other).by(staff).minutesAgo(20).risk("HIGH").body(),
                    key));
    assertEquals("urn:saknad:problem:idempotency-key-reused", problem.string("type"));
    assertEquals(
        List.of(0L), column("SELECT count(*) FROM disappearance_case WHERE child_id = ?", other));
    Json tooLong =
        problemOf(
            422,
            () ->
                send(
                    "/api/v1/children/" + other + "/disappearances",
                    aReport().of(other).by(staff).minutesAgo(20).risk("HIGH").body(),
                    "x".repeat(201)));
    assertEquals(List.of("Idempotency-Key"), errorFields(tooLong));
  }

  @Test
  void withoutAKeyASecondReportStillMeetsTheOneOpenCaseRule() {
    UUID child = aChild().inHome(home).named("Utan", "Nyckelsson").by(staff).create();
    Map<String, Object> report = aReport().of(child).by(staff).minutesAgo(20).risk("HIGH").body();
    String path = "/api/v1/children/" + child + "/disappearances";
    send(path, report, null);
    problemOf(409, () -> send(path, report, null));
  }
}
