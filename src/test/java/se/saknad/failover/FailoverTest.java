package se.saknad.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.ProcessClient;
import se.saknad.support.ServiceProcess;
import se.saknad.support.TestDatabase;

/**
 * The service on a pg_auto_failover formation (bin/formation: a monitor, a primary and two
 * standbys, one of them synchronous), reached by the multi-host JDBC URL. The primary is killed
 * (keeper and postmaster, kill -9) in the middle of a fan-out to 20 police desks while a report
 * arrives every 2 s; and two instances are restarted in turn while reports arrive. bin/test runs
 * these after the main suite, on a formation it starts and stops; the tests' database is then the
 * formation's (SAKNAD_TEST_DB_URL names its hosts).
 */
@Tag("failover")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FailoverTest {
  private static final Map<String, Object> VISBY = Map.of("lat", 57.6390, "lon", 18.2950);
  private static final Map<String, Object> KIRUNA = Map.of("lat", 67.8558, "lon", 20.2253);
  private static final Path FIGURES = Path.of("target", "failover.txt");
  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
    running.clear();
  }

  private static void say(String format, Object... args) throws IOException {
    String line = String.format(format, args);
    System.out.println(line);
    Files.createDirectories(FIGURES.getParent());
    Files.writeString(
        FIGURES,
        line + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static String formation(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bin/formation"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor(), "bin/formation " + String.join(" ", args) + ": " + out);
    return out;
  }

  private FakeTwilio twilio(int millisEachAnswer) throws Exception {
    FakeTwilio twilio = new FakeTwilio();
    twilio.delayEachAnswer(millisEachAnswer);
    running.add(twilio);
    return twilio;
  }

  private ServiceProcess service(String name, FakeTwilio twilio) throws Exception {
    Map<String, String> p = new HashMap<>(twilio.properties());
    p.put("saknad.sms.workers", "1");
    p.put("saknad.sms.poll", "200ms");
    p.put("saknad.sms.escalation-interval", "1h");
    p.put("saknad.alerting.widen-interval", "1h");
    ServiceProcess service = new ServiceProcess(name, p);
    running.add(service);
    service.start();
    return service;
  }

  /** Kiruna's social services on call: the one desk a report from Kiruna alerts. */
  private static void aDeskInKiruna(ProcessClient api, String admin) throws Exception {
    api.call(
        admin,
        "POST",
        "/api/v1/recipients",
        Map.of(
            "name",
            "Socialjouren Kiruna " + System.nanoTime(),
            "kind",
            "SOCIAL_SERVICES",
            "coverage",
            Map.of("municipalityCodes", List.of("2584")),
            "contacts",
            List.of(Map.of("name", "Jour", "phone", "+46701760001")),
            "acknowledgementRequired",
            false,
            "escalateAfterMinutes",
            60));
  }

  private static String child(
      ProcessClient api, String staff, String home, String given, String municipality)
      throws Exception {
    Map<String, Object> profile = new HashMap<>();
    profile.put("homeId", home);
    profile.put("givenName", given);
    profile.put("familyName", "Failoversson");
    profile.put("estimatedBirthYear", 2010);
    profile.put("gender", "MALE");
    profile.put("nationality", "AF");
    profile.put("responsibleMunicipalityCode", municipality);
    return api.call(staff, "POST", "/api/v1/children", profile).string("id");
  }

  /** 20 police desks on Gotland, each with its own phone. */
  private static void policeDesksOnGotland(ProcessClient api, String admin) throws Exception {
    for (int i = 0; i < 20; i++) {
      api.call(
          admin,
          "POST",
          "/api/v1/recipients",
          Map.of(
              "name",
              "Polisen Gotland, desk " + i,
              "kind",
              "POLICE",
              "coverage",
              Map.of("municipalityCodes", List.of("0980")),
              "contacts",
              List.of(Map.of("name", "Vakthavande", "phone", phoneOfDesk(i))),
              "acknowledgementRequired",
              true,
              "escalateAfterMinutes",
              60));
    }
  }

  private static String phoneOfDesk(int i) {
    return String.format("+4670177%04d", i);
  }

  private static List<FakeTwilio.Sent> acceptedFor(FakeTwilio twilio, String code) {
    return twilio.accepted().stream()
        .filter(s -> s.body().startsWith("SAKNAD " + code + ":"))
        .toList();
  }

  /**
   * Waits until no delivery of the cases is QUEUED or SENDING (the database may be moving); false
   * when some still are after {@code within}.
   */
  private static boolean awaitSettled(List<String> caseIds, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        long waiting =
            TestDatabase.count(
                "SELECT count(*) FROM delivery WHERE case_id = ANY(?::uuid[])"
                    + " AND status IN ('QUEUED', 'SENDING')",
                (Object) caseIds.toArray(new String[0]));
        if (waiting == 0) {
          return true;
        }
      } catch (RuntimeException failingOver) {
        // the tests' own connection meets the failover too
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** Every delivery of each case reached the provider; how many of them more than once. */
  private static int everyoneReachedAndDuplicates(FakeTwilio twilio, List<Reporter.Made> cases) {
    int duplicates = 0;
    List<String> missing = new ArrayList<>();
    for (Reporter.Made c : cases) {
      List<Object[]> rows =
          TestDatabase.rows(
              "SELECT id::text, phone, status FROM delivery WHERE case_id = ?::uuid", c.caseId());
      assertTrue(!rows.isEmpty(), "deliveries of " + c.code());
      Map<String, Long> perDelivery =
          acceptedFor(twilio, c.code()).stream()
              .collect(
                  Collectors.groupingBy(FakeTwilio.Sent::statusCallback, Collectors.counting()));
      for (Object[] r : rows) {
        long times =
            perDelivery.entrySet().stream()
                .filter(e -> e.getKey().endsWith("d=" + r[0]))
                .mapToLong(Map.Entry::getValue)
                .sum();
        if (times == 0) {
          missing.add(c.code() + " " + r[1] + " " + r[2]);
        }
        duplicates += (int) Math.max(0, times - 1);
      }
    }
    assertEquals(List.of(), missing, "deliveries the provider never got");
    return duplicates;
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void thePrimaryKilledInTheMiddleOfAFanOutCostsNoReportAndNoError() throws Exception {
    FakeTwilio twilio = twilio(300); // one worker at ~3 SMS/s: the fan-out takes ~7 s
    ServiceProcess service = service("failover", twilio);
    ProcessClient api = new ProcessClient(service.url());
    String admin = api.login("admin", ServiceProcess.ADMIN_PASSWORD);
    policeDesksOnGotland(api, admin);
    aDeskInKiruna(api, admin);
    ProcessClient.HomeAndStaff visby =
        api.homeWithStaff(admin, "HVB Visby " + System.nanoTime(), "Visby", VISBY);
    ProcessClient.HomeAndStaff kiruna =
        api.homeWithStaff(admin, "HVB Kiruna " + System.nanoTime(), "Kiruna", KIRUNA);
    List<String> reported = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      reported.add(child(api, kiruna.staffToken(), kiruna.homeId(), "Norr" + i, "2584"));
    }
    String fanChild = child(api, visby.staffToken(), visby.homeId(), "Gotte", "0980");

    // A report every 2 s from Kiruna, for as long as the test runs.
    Reporter reporter = new Reporter(kiruna.staffToken(), KIRUNA);
    Reporter fanReporter = new Reporter(visby.staffToken(), VISBY);
    ConcurrentLinkedQueue<Throwable> trouble = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Thread> inFlight = new ConcurrentLinkedQueue<>();
    Thread reports =
        new Thread(
            () -> {
              try {
                for (String child : reported) {
                  long t0 = System.nanoTime();
                  Thread t =
                      new Thread(
                          () -> {
                            try {
                              reporter.report(child, service::url, Duration.ofSeconds(120));
                            } catch (Exception e) {
                              trouble.add(e);
                            }
                          });
                  inFlight.add(t);
                  t.start();
                  long left = 2_000 - (System.nanoTime() - t0) / 1_000_000;
                  Thread.sleep(Math.max(0, left));
                  if (Thread.currentThread().isInterrupted()) {
                    return;
                  }
                }
              } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
              }
            });
    reports.start();
    Thread.sleep(4_000);
    fanReporter.report(fanChild, service::url, Duration.ofSeconds(30));
    assertEquals(1, fanReporter.made.size(), "the fan-out's report: " + fanReporter.answers);
    String fanCode = fanReporter.made.peek().code();
    long waitFor12 = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (acceptedFor(twilio, fanCode).size() < 12 && System.nanoTime() < waitFor12) {
      Thread.sleep(20);
    }
    int atKill = acceptedFor(twilio, fanCode).size();
    long killedAt = reporter.now();
    long killedAtNanos = System.nanoTime();
    String killed = formation("kill-primary");
    say(
        "# Failover: %s killed (kill -9) after %d of 20 SMS of the fan-out, reports every 2 s",
        killed, atKill);
    assertTrue(atKill >= 12 && atKill < 20, "the kill came at " + atKill + " of 20");

    // /health while the primary is gone
    List<String> health = new ArrayList<>();
    long watchUntil = System.nanoTime() + Duration.ofSeconds(70).toNanos();
    while (System.nanoTime() < watchUntil) {
      health.add(reporter.now() - killedAt + " ms " + api.status("/health"));
      Thread.sleep(1_000);
    }
    reports.join(Duration.ofSeconds(150).toMillis());
    for (Thread t : inFlight) {
      t.join(Duration.ofSeconds(130).toMillis());
    }
    assertEquals(List.of(), List.copyOf(trouble));

    List<Reporter.Answer> wrong = new ArrayList<>(reporter.wrongAnswers());
    wrong.addAll(reporter.answers.stream().filter(Reporter.Answer::refused).toList());
    assertEquals(List.of(), wrong, "answers other than 201 or 503 problem+json with Retry-After");
    long refused503 = reporter.answers.stream().filter(a -> a.status() == 503).count();
    long lastRefused =
        reporter.answers.stream()
            .filter(a -> a.status() == 503 && a.atMillis() > killedAt)
            .mapToLong(Reporter.Answer::answeredMillis)
            .max()
            .orElse(killedAt);
    // Accepted again: the first 201 to a report sent after the kill.
    long firstAfter =
        reporter.made.stream()
            .filter(m -> m.atMillis() > killedAt)
            .mapToLong(Reporter.Made::answeredMillis)
            .min()
            .orElse(Long.MAX_VALUE);
    assertEquals(reported.size(), reporter.made.size(), "every report was answered 201 in the end");
    assertTrue(firstAfter - killedAt <= 60_000, "reports accepted again within 60 s");

    // Everything answered 201 is there and has alerted everyone.
    List<Reporter.Made> all = new ArrayList<>(reporter.made);
    all.addAll(fanReporter.made);
    List<String> ids = all.stream().map(Reporter.Made::caseId).toList();
    assertTrue(awaitSettled(ids, Duration.ofSeconds(120)), "every delivery sent");
    long stored =
        TestDatabase.count(
            "SELECT count(*) FROM disappearance_case WHERE id = ANY(?::uuid[])",
            (Object) ids.toArray(new String[0]));
    assertEquals(ids.size(), stored, "every case answered 201 is stored");
    Set<String> fanPhones = new TreeSet<>();
    acceptedFor(twilio, fanCode).forEach(s -> fanPhones.add(s.to()));
    for (int i = 0; i < 20; i++) {
      assertTrue(fanPhones.contains(phoneOfDesk(i)), "desk " + i + " got the alert under way");
    }
    int duplicates = everyoneReachedAndDuplicates(twilio, all);
    assertTrue(duplicates <= 3, "sent twice: " + duplicates);
    long lastFanSms =
        acceptedFor(twilio, fanCode).stream().mapToLong(FakeTwilio.Sent::atNanos).max().orElse(0);
    long rejoin = System.nanoTime();
    formation("start"); // the killed node comes back as a standby: one primary, two secondaries
    long rejoinSeconds = (System.nanoTime() - rejoin) / 1_000_000_000;
    say("the killed node rejoined as a standby in %d s", rejoinSeconds);
    say(
        "reports: %d answered 201 (%d refused with 503 and Retry-After, then accepted on retry),"
            + " 0 other answers; the first report sent after the kill answered 201 %d ms after it, the"
            + " last 503 answered at %d ms",
        reporter.made.size(), refused503, firstAfter - killedAt, lastRefused - killedAt);
    say(
        "the alert under way: all 20 desks reached, the last %d ms after the kill; %d SMS sent"
            + " twice in all; /health: %s",
        (lastFanSms - killedAtNanos) / 1_000_000,
        duplicates,
        String.join(", ", health.subList(0, Math.min(health.size(), 40))));
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void twoInstancesRestartedInTurnWhileReportsArriveLoseNothing() throws Exception {
    FakeTwilio twilio = twilio(20);
    List<ServiceProcess> instances =
        new java.util.concurrent.CopyOnWriteArrayList<>(
            List.of(service("rolling-a", twilio), service("rolling-b", twilio)));
    ProcessClient api = new ProcessClient(instances.get(0).url());
    String admin = api.login("admin", ServiceProcess.ADMIN_PASSWORD);
    aDeskInKiruna(api, admin);
    ProcessClient.HomeAndStaff kiruna =
        api.homeWithStaff(admin, "HVB Kiruna rullande " + System.nanoTime(), "Kiruna", KIRUNA);
    List<String> children = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      children.add(child(api, kiruna.staffToken(), kiruna.homeId(), "Rull" + i, "2584"));
    }
    // The stand-in load balancer: the instances in turn; one that refuses is tried again later.
    java.util.concurrent.atomic.AtomicInteger turn =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<String> balancer =
        () -> instances.get(Math.floorMod(turn.getAndIncrement(), instances.size())).url();
    Reporter reporter = new Reporter(kiruna.staffToken(), KIRUNA);
    ConcurrentLinkedQueue<Throwable> trouble = new ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int i = next.getAndIncrement();
                      i < children.size();
                      i = next.getAndIncrement()) {
                    reporter.report(children.get(i), balancer, Duration.ofSeconds(60));
                    Thread.sleep(500);
                  }
                } catch (Exception e) {
                  trouble.add(e);
                }
              });
      clients.add(t);
      t.start();
    }
    Thread.sleep(3_000);
    long restartsBegan = System.nanoTime();
    for (int i = 0; i < 2; i++) {
      ServiceProcess old = instances.get(i);
      old.close(); // SIGTERM: stops taking connections, finishes what is in flight
      instances.set(i, service("rolling-" + (char) ('a' + i) + "2", twilio));
      Thread.sleep(2_000);
    }
    long restartSeconds = (System.nanoTime() - restartsBegan) / 1_000_000_000;
    for (Thread t : clients) {
      t.join(Duration.ofSeconds(120).toMillis());
    }
    assertEquals(List.of(), List.copyOf(trouble));
    assertEquals(
        List.of(),
        reporter.wrongAnswers(),
        "answers other than 201, 503 problem+json with Retry-After, or a refused connection");
    assertEquals(children.size(), reporter.made.size(), "every report was answered 201");
    long cases =
        TestDatabase.count(
            "SELECT count(*) FROM disappearance_case WHERE child_id = ANY(?::uuid[])",
            (Object) children.toArray(new String[0]));
    assertEquals(children.size(), cases, "one case a child: a retried report made no second one");
    List<Reporter.Made> made = new ArrayList<>(reporter.made);
    // A lease left behind by a stopped instance would keep its delivery SENDING for 60 s.
    assertTrue(
        awaitSettled(made.stream().map(Reporter.Made::caseId).toList(), Duration.ofSeconds(30)),
        "every delivery sent within 30 s, none waiting out a lease");
    int duplicates = everyoneReachedAndDuplicates(twilio, made);
    assertTrue(duplicates <= 3, "sent twice: " + duplicates);
    long refused = reporter.answers.stream().filter(Reporter.Answer::refused).count();
    long busy = reporter.answers.stream().filter(a -> a.status() == 503).count();
    say(
        "# Rolling restart: two instances restarted in turn (%d s) while 3 clients reported;"
            + " %d reports, all 201 once; %d connections refused and %d answers 503 retried"
            + " elsewhere; no other answer; %d SMS sent twice",
        restartSeconds, made.size(), refused, busy, duplicates);
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aBaseBackupOfThePrimaryRestoresAsAServerWithEveryRow() throws Exception {
    String db =
        TestDatabase.properties().get("datasources.default.url").replaceAll(".*/([^/?]+).*", "$1");
    assertTrue(
        TestDatabase.count("SELECT count(*) FROM disappearance_case") > 0,
        "the earlier tests left cases to restore");
    String out = formation("restore-drill", db);
    assertTrue(out.contains("restored: all"), out);
    say("# Restore drill: %s", out.lines().reduce((a, b) -> b).orElse(out));
  }
}
