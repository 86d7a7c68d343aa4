package se.saknad.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.ProcessClient;
import se.saknad.support.ServiceProcess;
import se.saknad.support.TestDatabase;

/**
 * Faults that need the service as its own process: kill -9 in the middle of a 200-message fan-out,
 * PostgreSQL restarted while sending, and two instances on one database. The provider stand-in
 * answers slowly (20 ms) so that the fan-out is still running when the fault strikes.
 */
class ProcessFaultsTest {
  private static final Map<String, Object> VISBY = Map.of("lat", 57.6390, "lon", 18.2950);
  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopEverythingAndReadTheLogs() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
    running.clear();
    // the processes' own logs hold no personal data either (SMS texts name the child)
    if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("target", "service-logs"))) {
      return; // nothing started (a skipped test)
    }
    try (var logs = java.nio.file.Files.list(java.nio.file.Path.of("target", "service-logs"))) {
      for (java.nio.file.Path log : logs.toList()) {
        String text = java.nio.file.Files.readString(log);
        assertTrue(!text.contains("Processa") && !text.contains("Provsdotter"), "name in " + log);
      }
    }
  }

  private Map<String, String> sendingTo(FakeTwilio twilio) {
    Map<String, String> p = new HashMap<>(twilio.properties());
    p.put("saknad.sms.lease", "3s");
    p.put("saknad.sms.poll", "200ms");
    p.put("saknad.sms.retry-base", "100ms");
    p.put("saknad.sms.retry-max", "1s");
    p.put("saknad.sms.escalation-interval", "1h");
    p.put("saknad.alerting.widen-interval", "1h");
    return p;
  }

  private ServiceProcess service(String name, Map<String, String> properties) throws Exception {
    ServiceProcess service = new ServiceProcess(name, properties);
    running.add(service);
    service.start();
    return service;
  }

  private FakeTwilio twilio() throws Exception {
    FakeTwilio twilio = new FakeTwilio();
    twilio.delayEachAnswer(20);
    running.add(twilio);
    return twilio;
  }

  // ---- a case that reaches 200 recipients, set up over the API ----

  private record Fanout(UUID id, String code) {
    /** What the provider accepted for this case: its texts begin with the case code. */
    List<FakeTwilio.Sent> accepted(FakeTwilio twilio) {
      return twilio.accepted().stream()
          .filter(s -> s.body().startsWith("SAKNAD " + code + ":"))
          .toList();
    }
  }

  /** Creates 200 recipients around Visby and a child there, and reports the child missing. */
  private Fanout fanOutOf200(String base) throws Exception {
    ProcessClient api = new ProcessClient(base);
    String admin = api.login("admin", ServiceProcess.ADMIN_PASSWORD);
    // the recipients of an earlier fan-out are retired, so that each one is exactly 200 (+
    // guardian)
    TestDatabase.sql(
        "UPDATE recipient SET deleted_at = now() WHERE name LIKE 'Gotlandsjour %' AND deleted_at IS NULL");
    String prefix = String.format("+46709%02d", ThreadLocalRandom.current().nextInt(100));
    for (int i = 0; i < 200; i++) {
      api.call(
          admin,
          "POST",
          "/api/v1/recipients",
          Map.of(
              "name",
              "Gotlandsjour " + i,
              "kind",
              "SHELTER",
              "coverage",
              Map.of("municipalityCodes", List.of("0980")),
              "contacts",
              List.of(Map.of("name", "Jour", "phone", prefix + String.format("%04d", i))),
              "acknowledgementRequired",
              false,
              "escalateAfterMinutes",
              60));
    }
    ProcessClient.HomeAndStaff hs =
        api.homeWithStaff(admin, "HVB Visby " + UUID.randomUUID(), "Visby", VISBY);
    String home = hs.homeId();
    String staff = hs.staffToken();
    Map<String, Object> profile = new HashMap<>();
    profile.put("homeId", home);
    profile.put("givenName", "Processa");
    profile.put("familyName", "Provsdotter");
    profile.put("estimatedBirthYear", 2011);
    profile.put("gender", "MALE");
    profile.put("nationality", "AF");
    profile.put("responsibleMunicipalityCode", "0980");
    String child = api.call(staff, "POST", "/api/v1/children", profile).string("id");
    Json kase =
        api.call(
            staff,
            "POST",
            "/api/v1/children/" + child + "/disappearances",
            Map.of(
                "lastSeenAt",
                OffsetDateTime.now().minusMinutes(15).toString(),
                "lastSeenLocation",
                VISBY,
                "riskLevel",
                "STANDARD"));
    return new Fanout(kase.id(), kase.string("code"));
  }

  // ---- the database's view ----

  private List<String[]> deliveries(UUID caseId) {
    return TestDatabase.rows("SELECT phone, status FROM delivery WHERE case_id = ?", caseId)
        .stream()
        .map(row -> new String[] {row[0].toString(), row[1].toString()})
        .toList();
  }

  private List<String[]> awaitSettled(UUID caseId, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      List<String[]> rows;
      try {
        rows = deliveries(caseId);
      } catch (TestDatabase.Failed restarting) {
        Thread.sleep(200);
        continue;
      }
      boolean settled =
          rows.stream().noneMatch(r -> r[1].equals("QUEUED") || r[1].equals("SENDING"));
      if (settled || System.nanoTime() > deadline) {
        return rows;
      }
      Thread.sleep(200);
    }
  }

  private static void awaitAccepted(FakeTwilio twilio, Fanout fanout, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (fanout.accepted(twilio).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  /** Every delivery of the case was accepted by the provider at least once; the duplicates. */
  private static int everyPhoneReachedAndDuplicates(
      List<String[]> rows, FakeTwilio twilio, Fanout fanout) {
    List<String> notDone =
        rows.stream()
            .filter(r -> r[1].equals("QUEUED") || r[1].equals("SENDING"))
            .map(r -> r[0] + " " + r[1])
            .toList();
    assertEquals(List.of(), notDone, "deliveries left QUEUED or SENDING");
    Map<String, Integer> perPhone = new HashMap<>();
    fanout.accepted(twilio).forEach(s -> perPhone.merge(s.to(), 1, Integer::sum));
    Set<String> missing = new HashSet<>();
    for (String[] r : rows) {
      if (!perPhone.containsKey(r[0])) {
        missing.add(r[0]);
      }
    }
    assertEquals(Set.of(), missing, "phones the provider never got a message for");
    // A double send is one delivery accepted twice (its status callback names it). Counting per
    // phone would also count two recipients that share a duty phone, as desks other test classes
    // leave behind may.
    Map<String, Integer> perDelivery = new HashMap<>();
    fanout.accepted(twilio).forEach(s -> perDelivery.merge(s.statusCallback(), 1, Integer::sum));
    return perDelivery.values().stream().mapToInt(n -> n - 1).sum();
  }

  @Test
  void killMinus9InTheMiddleOfAFanOutLosesNothing() throws Exception {
    FakeTwilio twilio = twilio();
    Map<String, String> properties = sendingTo(twilio);
    ServiceProcess first = service("kill-first", properties);
    Fanout fanout = fanOutOf200(first.url());
    awaitAccepted(twilio, fanout, 40);
    int acceptedBeforeKill = fanout.accepted(twilio).size();
    first.kill9();
    int acceptedAtKill = fanout.accepted(twilio).size();
    assertTrue(acceptedAtKill < 200, "the kill came too late to prove anything: " + acceptedAtKill);

    service("kill-second", properties);
    List<String[]> rows = awaitSettled(fanout.id(), Duration.ofSeconds(60));
    assertTrue(rows.size() >= 200, "deliveries: " + rows.size());
    int duplicates = everyPhoneReachedAndDuplicates(rows, twilio, fanout);
    // Only a message the provider accepted while its answer was lost in the kill can be sent
    // twice: at most one per dispatcher worker and claim.
    assertTrue(duplicates <= 2 * 20, "duplicates: " + duplicates);
    System.out.printf(
        "kill -9: %d of %d deliveries accepted before the kill (%d when it struck), %d sent twice%n",
        acceptedAtKill, rows.size(), acceptedBeforeKill, duplicates);
  }

  @Test
  void postgresRestartedWhileSendingIsSurvivedWithoutARestart() throws Exception {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name"))
            && System.getenv("SAKNAD_TEST_KEEP_CLUSTER") == null
            && new java.io.File("/usr/bin/pg_ctlcluster").exists()
            && TestDatabase.properties().get("datasources.default.url").contains("127.0.0.1:5432"),
        "needs root and the machine's own PostgreSQL cluster (as bin/test and CI have),"
            + " and no SAKNAD_TEST_KEEP_CLUSTER (set it while other test runs share the cluster)");
    FakeTwilio twilio = twilio();
    twilio.delayEachAnswer(60); // ~6 s for the fan-out, so the restart lands in its middle
    ServiceProcess service = service("pg-restart", sendingTo(twilio));
    Fanout fanout = fanOutOf200(service.url());
    awaitAccepted(twilio, fanout, 30);
    String version =
        new String(
                new ProcessBuilder("sh", "-c", "ls /etc/postgresql | sort -n | tail -1")
                    .start()
                    .getInputStream()
                    .readAllBytes())
            .trim();
    Process restart =
        new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
            .inheritIO()
            .start();
    assertEquals(0, restart.waitFor(), "pg_ctlcluster restart");
    int acceptedAtRestart = fanout.accepted(twilio).size();
    assertTrue(acceptedAtRestart < 190, "the restart came too late: " + acceptedAtRestart);
    List<String[]> rows = awaitSettled(fanout.id(), Duration.ofSeconds(90));
    int duplicates = everyPhoneReachedAndDuplicates(rows, twilio, fanout);
    assertEquals(200, new ProcessClient(service.url()).status("/health"));
    System.out.printf(
        "PostgreSQL restart: %d of %d accepted when it restarted; all sent afterwards, %d twice%n",
        acceptedAtRestart, rows.size(), duplicates);
  }

  @Test
  void twoInstancesOnOneDatabaseSendEachDeliveryOnce() throws Exception {
    FakeTwilio twilio = twilio();
    Map<String, String> properties = sendingTo(twilio);
    ServiceProcess one = service("pair-one", properties);
    service("pair-two", properties);
    Fanout fanout = fanOutOf200(one.url());
    List<String[]> rows = awaitSettled(fanout.id(), Duration.ofSeconds(60));
    assertEquals(0, everyPhoneReachedAndDuplicates(rows, twilio, fanout), "sent twice");
  }
}
