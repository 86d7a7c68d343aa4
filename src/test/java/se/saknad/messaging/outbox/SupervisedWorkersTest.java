package se.saknad.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.common.Workers;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * Every background loop is supervised: a worker killed by an Error (the heap running out while it
 * sends) or stuck in a send turns /health DOWN and its saknad_worker_up to 0, starts again after a
 * backoff, and is UP again once a round completes, the alert sent after all. A delivery left due
 * while the provider answers turns the outbox component DOWN.
 */
@MicronautTest(transactional = false)
class SupervisedWorkersTest extends ApiTest {
  @Inject EmbeddedServer server;
  @Inject FailingGateway gateway;
  @Inject Workers workers;

  private final HttpClient raw = HttpClient.newHttpClient();
  private String staff;
  private UUID home;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.put("saknad.test.gateway", "failing");
    p.put("saknad.sms.workers", "1");
    p.put("saknad.sms.lease", "2s");
    p.put("saknad.sms.poll", "200ms");
    p.put("saknad.workers.backoff-max", "1s");
    p.put("saknad.workers.stuck-after", "2s");
    p.put("saknad.workers.recovered-after", "3s");
    p.put("saknad.sms.outbox-stalled-after", "3s");
    p.put("saknad.metrics.gauge-refresh", "100ms");
    return p;
  }

  @BeforeAll
  void aHomeAndAPoliceDesk() {
    aRecipient()
        .named("Polisen (övervakade arbetare)")
        .police()
        .coveringRegion("STOCKHOLM")
        .phone("+46701888401")
        .create();
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
  }

  @AfterEach
  void working() {
    gateway.become(FailingGateway.Mode.WORK);
    waitUntil("the workers are up again", Duration.ofSeconds(20), () -> "UP".equals(status()));
  }

  private String reportMissing() {
    UUID child = aChild().inHome(home).named("Vakt", "Arbetarsson").by(staff).create();
    return aReport().of(child).by(staff).risk("HIGH").create().string("id");
  }

  private HttpResponse<String> get(String path, String token) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Json health() {
    return Json.parse(get("/health", adminToken()).body());
  }

  private String status() {
    return health().string("status");
  }

  private String stateOf(String worker) {
    return health().string("details.workers.details['" + worker + "'].state");
  }

  private double workerUp(String worker) {
    Matcher m =
        Pattern.compile(
                "saknad_worker_up\\{[^}]*worker=\"" + Pattern.quote(worker) + "\"[^}]*} (\\S+)")
            .matcher(get("/prometheus", adminToken()).body());
    assertTrue(m.find(), "saknad_worker_up of " + worker);
    return Double.parseDouble(m.group(1));
  }

  /** The states of the case's deliveries to this test's phones. */
  private List<Object> statuses(String caseId) {
    return column(
        "SELECT DISTINCT status FROM delivery WHERE case_id = ?::uuid"
            + " AND phone IN ('+46701888401', '+46701888402')",
        caseId);
  }

  @Test
  void everyBackgroundLoopIsSupervised() {
    List<String> names = workers.statuses().stream().map(Workers.Status::name).toList();
    assertTrue(
        names.containsAll(
            List.of(
                "sms-dispatcher-0",
                "sms-listener",
                "sms-escalation",
                "voice-escalation",
                "provider-erasure",
                "widening",
                "retention",
                "debrief-reminders",
                "referral-escalation")),
        names.toString());
  }

  @Test
  void aDispatcherKilledByAnErrorTurnsHealthDownAndComesBack() {
    gateway.become(FailingGateway.Mode.DIE);
    String caseId = reportMissing();
    waitUntil("the dispatcher is down", () -> "DEAD".equals(stateOf("sms-dispatcher-0")));
    HttpResponse<String> anonymous = get("/health", null);
    assertEquals(503, anonymous.statusCode(), anonymous.body());
    assertEquals("DOWN", Json.parse(anonymous.body()).string("status"));
    assertEquals("DOWN", health().string("details.workers.status"));
    assertEquals(0.0, workerUp("sms-dispatcher-0"));
    assertTrue(
        health()
            .string("details.workers.details['sms-dispatcher-0'].lastFailure")
            .contains("OutOfMemoryError"));
    assertEquals(
        List.of(),
        column(
            "SELECT id FROM delivery WHERE case_id = ?::uuid AND status = 'SENT'"
                + " AND phone = '+46701888401'",
            caseId));

    // The heap is back: the worker starts again by itself, sends what waited and is up.
    gateway.become(FailingGateway.Mode.WORK);
    waitUntil(
        "the alert is sent after all",
        Duration.ofSeconds(20),
        () -> statuses(caseId).equals(List.of("SENT")));
    waitUntil("health is up again", () -> "UP".equals(status()));
    assertEquals(1.0, workerUp("sms-dispatcher-0"));
    assertTrue(get("/prometheus", adminToken()).body().contains("saknad_worker_failures_total"));
  }

  @Test
  void aStuckDispatcherTurnsHealthDownAndSoDoesTheOutboxItLeavesWaiting() {
    gateway.become(FailingGateway.Mode.HANG);
    String caseId = reportMissing();
    waitUntil(
        "the dispatcher is stuck",
        Duration.ofSeconds(15),
        () -> "STUCK".equals(stateOf("sms-dispatcher-0")));
    assertEquals("DOWN", status());
    // A delivery due for a while, which no dispatcher claims: the outbox has stopped.
    sql(
        "INSERT INTO delivery (id, alert_id, case_id, recipient_kind, phone, body, status,"
            + " priority, next_attempt_at, ack_required, created_at, updated_at)"
            + " SELECT gen_random_uuid(), alert_id, case_id, 'OTHER', '+46701888402', body,"
            + " 'QUEUED', 1, now() - interval '10 seconds', false, now(), now()"
            + " FROM delivery WHERE case_id = ?::uuid LIMIT 1",
        caseId);
    waitUntil(
        "the outbox is stalled", () -> "DOWN".equals(health().string("details.outbox.status")));

    gateway.become(FailingGateway.Mode.WORK);
    waitUntil(
        "everything is sent",
        Duration.ofSeconds(20),
        () -> statuses(caseId).equals(List.of("SENT")));
    waitUntil("health is up again", () -> "UP".equals(status()));
    assertEquals("UP", health().string("details.outbox.status"));
  }

  @Test
  void aJobThatThrowsAnythingRunsAgainAfterABackoff() {
    AtomicInteger rounds = new AtomicInteger();
    Workers.Worker job =
        workers.every(
            "test-job",
            Duration.ZERO,
            Duration.ofMillis(100),
            () -> {
              int n = rounds.incrementAndGet();
              if (n == 1) {
                throw new StackOverflowError("simulated");
              }
              if (n == 2) {
                throw new IllegalStateException("simulated");
              }
            });
    try {
      waitUntil("it ran again after an Error and an exception", () -> rounds.get() >= 4);
      // Running, but an Error ended a round less than recovered-after (3 s here) ago.
      assertEquals(Workers.State.DEAD, job.status().state());
      waitUntil(
          "up once it has run without an Error for a while",
          () -> job.status().state() == Workers.State.UP);
      assertTrue(rounds.get() > 10, "it kept running meanwhile: " + rounds.get());
    } finally {
      job.stop();
    }
  }
}
