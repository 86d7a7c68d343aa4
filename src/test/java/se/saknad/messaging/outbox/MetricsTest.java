package se.saknad.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;
import static se.saknad.support.TestDatabase.count;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.Json;
import se.saknad.support.TwilioApiTest;

/**
 * The alert path's histograms and the outbox's gauges, as the registry holds them and as a
 * Prometheus server scrapes them with the scrape token.
 */
@MicronautTest(transactional = false)
class MetricsTest extends TwilioApiTest {
  static final String SCRAPE_TOKEN = "scrape-token-for-the-tests-0123456789";
  private static final String POLICE_1 = "+46702100001";
  private static final String POLICE_2 = "+46702100002";
  private static final String SHELTER = "+46702100003";

  @Inject MeterRegistry meters;

  private UUID home;
  private String staff;

  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("saknad.sms.escalation-interval", "1h");
    p.put("saknad.metrics.scrape-token", SCRAPE_TOKEN);
    // Gauges read the database at every scrape here (10 s between readings by default).
    p.put("saknad.metrics.gauge-refresh", "0s");
    p.put("saknad.login.gauge-refresh", "200ms");
  }

  @BeforeAll
  void recipients() {
    home = newHome(KIRUNA);
    staff = staffOf(home);
    aRecipient()
        .police()
        .named("Polisregion Nord")
        .coveringRegion("NORD")
        .contact("Vakthavande", POLICE_1)
        .contact("Reserv", POLICE_2)
        // long enough that no case of this class passes it by itself while the tests run
        .escalateAfterMinutes(30)
        .create();
    aRecipient().shelter().named("Jourhem Kiruna").covering("2584").phone(SHELTER).create();
  }

  private Json reportMissing() {
    UUID child =
        aChild()
            .inHome(home)
            .named("Omid", "Karimi")
            .responsibleMunicipality("2584")
            .by(staff)
            .create();
    Json opened =
        as(staff)
            .post(
                "/api/v1/children/" + child + "/disappearances",
                aReport()
                    .lastSeenAt(KIRUNA)
                    .minutesAgo(5)
                    .risk("HIGH")
                    .clothing("Grön jacka")
                    .body());
    waitUntil(
        "every delivery of the report is handed to the provider",
        () ->
            count("SELECT count(*) FROM delivery WHERE case_id = ?::uuid", opened.id()) > 1
                && count(
                        "SELECT count(*) FROM delivery WHERE case_id = ?::uuid"
                            + " AND status IN ('QUEUED', 'SENDING')",
                        opened.id())
                    == 0);
    return opened;
  }

  private void returned(UUID caseId) {
    as(staff)
        .post(
            "/api/v1/cases/" + caseId + "/return",
            Map.of(
                "returnedAt",
                OffsetDateTime.now().minusMinutes(1).toString(),
                "foundBy",
                "Polis",
                "condition",
                "Oskadd"));
  }

  private long timed(String name, String... tags) {
    Timer timer = meters.find(name).tags(tags).timer();
    return timer == null ? 0 : timer.count();
  }

  private double gauge(String name, String... tags) {
    return meters.get(name).tags(tags).gauge().value();
  }

  /** The provider's status callback for the police delivery of a case. */
  private void statusCallback(UUID caseId, String status) {
    Object id =
        column("SELECT id FROM delivery WHERE case_id = ?::uuid AND phone = ?", caseId, POLICE_1)
            .get(0);
    Object sid = column("SELECT provider_sid FROM delivery WHERE id = ?", id).get(0);
    signedWebhook(
        "/sms/status?d=" + id, Map.of("MessageSid", String.valueOf(sid), "MessageStatus", status));
  }

  @Test
  void aReportIsTimedOnceFromTheReportToItsFirstMessageAtTheProvider() {
    long before = timed("saknad.alert.first.send");
    Json opened = reportMissing();
    waitUntil("the first send is timed", () -> timed("saknad.alert.first.send") > before);
    assertTrue(
        count("SELECT count(*) FROM delivery WHERE case_id = ?::uuid", opened.id()) >= 3,
        "police, shelter and guardian were sent the alert");
    assertEquals(before + 1, timed("saknad.alert.first.send"));
    assertEquals(
        1L,
        count(
            "SELECT count(*) FROM alert_first_send f JOIN alert a ON a.id = f.alert_id"
                + " WHERE a.case_id = ?::uuid",
            opened.id()));
    // The Cancel of a returned child is not a report: its sends are not timed.
    returned(opened.id());
    waitUntil(
        "the Cancel is sent",
        () ->
            count(
                    "SELECT count(*) FROM delivery d JOIN alert a ON a.id = d.alert_id"
                        + " WHERE d.case_id = ?::uuid AND a.msg_type = 'Cancel'"
                        + " AND d.status IN ('SENT', 'DELIVERED')",
                    opened.id())
                >= 3);
    assertEquals(before + 1, timed("saknad.alert.first.send"));
  }

  @Test
  void aDeliveredCallbackIsTimedOnceFromTheSend() {
    Json opened = reportMissing();
    long before = timed("saknad.sms.delivered");
    statusCallback(opened.id(), "sent");
    assertEquals(before, timed("saknad.sms.delivered"));
    statusCallback(opened.id(), "delivered");
    statusCallback(opened.id(), "delivered");
    assertEquals(before + 1, timed("saknad.sms.delivered"));
  }

  @Test
  void anAcknowledgementIsTimedOnceByRecipientKind() {
    Json opened = reportMissing();
    long police = timed("saknad.alert.acknowledgement", "kind", "POLICE");
    reply(POLICE_1, "OK " + opened.string("code"));
    reply(POLICE_1, "OK " + opened.string("code"));
    assertEquals(police + 1, timed("saknad.alert.acknowledgement", "kind", "POLICE"));
    long shelter = timed("saknad.alert.acknowledgement", "kind", "SHELTER");
    reply(SHELTER, "OK " + opened.string("code"));
    assertEquals(shelter + 1, timed("saknad.alert.acknowledgement", "kind", "SHELTER"));
  }

  @Test
  void gaugesCountTheOutboxAndWhatIsOverdue() {
    Json opened = reportMissing();
    for (String state : OutboxGauges.STATES) {
      assertEquals(
          (double) count("SELECT count(*) FROM delivery WHERE status = ?", state),
          gauge("saknad.sms.deliveries", "state", state),
          state);
    }
    assertEquals(
        (double)
            count(
                "SELECT count(*) FROM delivery WHERE status IN ('QUEUED', 'SENDING')"
                    + " AND alert_id IS NOT NULL"),
        gauge("saknad.sms.backlog", "kind", "alert"));

    // Police desks of other classes may cover Kiruna too: each owes its own acknowledgement.
    long policeDesks =
        count(
            "SELECT count(DISTINCT recipient_id) FROM delivery WHERE case_id = ?::uuid"
                + " AND recipient_kind = 'POLICE' AND ack_required",
            opened.id());
    assertTrue(policeDesks >= 1);
    // The open alerts of earlier test classes pass their escalation time as the clock runs: set
    // aside, so that only this case moves the gauge.
    sql(
        "UPDATE delivery SET ack_required = false WHERE ack_required AND case_id <> ?::uuid",
        opened.id());
    assertEquals(0.0, gauge("saknad.alert.unacknowledged.past.escalation", "kind", "POLICE"));
    sql(
        "UPDATE delivery SET created_at = created_at - interval '31 minutes' WHERE case_id = ?::uuid",
        opened.id());
    assertEquals(
        (double) policeDesks,
        gauge("saknad.alert.unacknowledged.past.escalation", "kind", "POLICE"));
    reply(POLICE_1, "OK " + opened.string("code"));
    assertEquals(
        (double) policeDesks - 1,
        gauge("saknad.alert.unacknowledged.past.escalation", "kind", "POLICE"));

    double overdue = gauge("saknad.debriefs.overdue");
    returned(opened.id());
    assertEquals(overdue, gauge("saknad.debriefs.overdue"));
    sql(
        "UPDATE disappearance_case SET debrief_due_by = now() - interval '1 minute'"
            + " WHERE id = ?::uuid",
        opened.id());
    assertEquals(overdue + 1, gauge("saknad.debriefs.overdue"));
  }

  String scrape(String token) {
    return http()
        .retrieve(
            HttpRequest.GET("/prometheus").header("Authorization", "Bearer " + token),
            String.class);
  }

  @Test
  void theScrapeTokenReadsThePrometheusEndpointAndNothingElse() {
    String scraped = scrape(SCRAPE_TOKEN);
    assertTrue(scraped.contains("saknad_sms_provider_up"), "the scrape has the service's metrics");
    for (String path : List.of("/metrics", "/api/v1/cases", "/api/v1/users", "/health")) {
      HttpResponse<?> answer;
      try {
        answer =
            http()
                .exchange(
                    HttpRequest.GET(path).header("Authorization", "Bearer " + SCRAPE_TOKEN),
                    String.class);
      } catch (HttpClientResponseException e) {
        answer = e.getResponse();
      }
      if (path.equals("/health")) {
        // Open to anyone; the scrape token does not make its components visible.
        assertFalse(String.valueOf(answer.body()).contains("components"), path);
      } else {
        assertEquals(401, answer.code(), path);
      }
    }
    HttpClientResponseException wrong =
        org.junit.jupiter.api.Assertions.assertThrows(
            HttpClientResponseException.class, () -> scrape(SCRAPE_TOKEN + "x"));
    assertEquals(401, wrong.code());
  }

  private static final java.nio.file.Path RULES =
      java.nio.file.Path.of("src/ops/prometheus/saknad-rules.yml");
  private static final java.nio.file.Path RULE_TESTS =
      java.nio.file.Path.of("src/ops/prometheus/saknad-rules.test.yml");
  private static final java.nio.file.Path DASHBOARD =
      java.nio.file.Path.of("src/ops/grafana/saknad-dashboard.json");

  @Test
  void theMetricNamesOfAnExpressionAreFound() {
    assertEquals(
        java.util.Set.of("a_bucket", "b"),
        PromQl.metricNames(
            "histogram_quantile(0.99, sum by (le, kind) (rate(a_bucket{kind=\"x\",le!=\"1\"}"
                + "[$__rate_interval]))) > 0.15 and on (kind) max without (instance) (b) == bool 1"));
    assertEquals(
        Map.of("c", java.util.Set.of("kind", "state")),
        PromQl.labelsMatched("max(c{kind=\"POLICE\", state=~\"A|B\"}) > 0"));
  }

  @Test
  void everyMetricTheAlertRulesAndTheDashboardUseIsExported() throws Exception {
    // Everything the rules look at happens once: a report, its status callback, an acknowledgement.
    Json opened = reportMissing();
    statusCallback(opened.id(), "delivered");
    reply(POLICE_1, "OK " + opened.string("code"));
    // and a failed sign-in, counted by address range within a refresh
    problemOf(401, () -> login("finns-inte", "fel lösenord!"));
    se.saknad.support.Eventually.waitUntil(
        "the sign-in failure gauges",
        () -> scrape(SCRAPE_TOKEN).contains("saknad_sign_in_failure_accounts{"));
    Map<String, java.util.Set<String>> exported = PromQl.exported(scrape(SCRAPE_TOKEN));

    Map<String, String> expressions = new java.util.LinkedHashMap<>();
    Json rules = Json.parseYaml(java.nio.file.Files.readString(RULES));
    List<Json> groups = rules.list("groups");
    assertFalse(groups.isEmpty(), "rule groups");
    for (Json group : groups) {
      assertTrue(group.read("name", Object.class) instanceof String, "every group is named");
      for (Json rule : group.list("rules")) {
        String name = String.valueOf(rule.read("alert", Object.class));
        assertTrue(name.matches("Saknad[A-Za-z]+"), "alert name " + name);
        assertTrue(rule.read("expr", Object.class) instanceof String, name + " has an expression");
        assertTrue(
            String.valueOf(rule.read("for", Object.class)).matches("\\d+[smh]"),
            name + " has a duration");
        assertTrue(
            List.of("critical", "warning").contains(rule.read("labels.severity", Object.class)),
            name + " severity");
        assertTrue(
            rule.read("annotations.summary", Object.class) instanceof String,
            name + " has a summary");
        assertTrue(
            rule.read("annotations.description", Object.class) instanceof String,
            name + " has a description");
        expressions.put("rule " + name, rule.string("expr"));
      }
    }
    assertTrue(
        expressions
            .keySet()
            .containsAll(
                List.of(
                    "rule SaknadSmsProviderDown",
                    "rule SaknadPoliceAlertUnacknowledged",
                    "rule SaknadSmsBacklogGrowing",
                    "rule SaknadDebriefsOverdue",
                    "rule SaknadSignInFailureSpike")),
        expressions.keySet().toString());

    Json dashboard = Json.parse(java.nio.file.Files.readString(DASHBOARD));
    assertEquals("saknad-alerts", dashboard.read("uid", Object.class));
    assertTrue(
        String.valueOf(dashboard.read("__inputs", Object.class)).contains("DS_PROMETHEUS"),
        "the dashboard asks for its Prometheus data source on import");
    java.util.Set<Object> ids = new java.util.HashSet<>();
    for (Json panel : dashboard.list("panels")) {
      String title = String.valueOf(panel.read("title", Object.class));
      assertTrue(ids.add(panel.read("id", Object.class)), "panel ids are unique: " + title);
      assertTrue(List.of("stat", "timeseries").contains(panel.read("type", Object.class)), title);
      for (String k : List.of("x", "y", "w", "h")) {
        assertTrue(
            panel.read("gridPos." + k, Object.class) instanceof Number, title + " gridPos." + k);
      }
      assertTrue(
          panel.integer("gridPos.x") + panel.integer("gridPos.w") <= 24, title + " fits the width");
      List<Json> targets = panel.list("targets");
      assertFalse(targets.isEmpty(), title + " has queries");
      for (Json target : targets) {
        assertEquals("${DS_PROMETHEUS}", target.read("datasource.uid", Object.class), title);
        expressions.put(
            "panel " + title + " " + target.read("refId", Object.class), target.string("expr"));
      }
    }

    List<String> unknown = new java.util.ArrayList<>();
    expressions.forEach(
        (where, expr) -> {
          java.util.Set<String> names = PromQl.metricNames(expr);
          if (names.isEmpty()) {
            unknown.add(where + ": no metric in " + expr);
          }
          for (String metric : names) {
            if (!exported.containsKey(metric)) {
              unknown.add(where + ": " + metric + " is not exported");
            }
          }
          PromQl.labelsMatched(expr)
              .forEach(
                  (metric, labels) -> {
                    for (String label : labels) {
                      if (!exported.getOrDefault(metric, java.util.Set.of()).contains(label)) {
                        unknown.add(where + ": " + metric + " has no label " + label);
                      }
                    }
                  });
        });
    assertEquals(List.of(), unknown);
  }

  @Test
  void promtoolAcceptsTheRulesAndTheirUnitTests() throws Exception {
    String promtool = System.getenv("SAKNAD_PROMTOOL");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        promtool != null && java.nio.file.Files.isExecutable(java.nio.file.Path.of(promtool)),
        "promtool not found (SAKNAD_PROMTOOL unset): bin/test unpacks it from Debian's prometheus"
            + " package; without it only the structure and the metric names are checked");
    for (List<String> command :
        List.of(
            List.of(promtool, "check", "rules", RULES.toAbsolutePath().toString()),
            List.of(promtool, "test", "rules", RULE_TESTS.toAbsolutePath().toString()))) {
      Process process =
          new ProcessBuilder(command)
              .directory(RULES.toAbsolutePath().getParent().toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    }
  }
}
