package se.saknad.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.ProcessClient;
import se.saknad.support.ServiceProcess;
import se.saknad.support.TestDatabase;

/**
 * Load: many HVB reports at once against the service running as its own process, SMS to a local
 * Twilio stand-in, police acknowledgements back through the signed webhook. Then the floor: pgbench
 * on the same database running the inserts one report makes, in one transaction. Measures, prints
 * and writes target/benchmarks/load.txt; asserts nothing about time.
 *
 * <p>{@code bin/test -Dtest=LoadHarness -Dexcluded.groups=none} (optionally {@code
 * -Dsaknad.load.clients=20 -Dsaknad.load.seconds=60}).
 */
@Tag("benchmark")
class LoadHarness {
  private static final Map<String, Object> UPPSALA = Map.of("lat", 59.8586, "lon", 17.6389);
  private static final String POLICE_PHONE = "+46709990000";

  private final StringBuilder out = new StringBuilder();

  private void say(String format, Object... args) {
    String line = String.format(format, args);
    System.out.println(line);
    out.append(line).append('\n');
  }

  @Test
  void reportsAcknowledgementsAndTheFloor() throws Exception {
    int clients = Integer.getInteger("saknad.load.clients", 20);
    int seconds = Integer.getInteger("saknad.load.seconds", 60);
    say(
        "# Load: %d clients for %d s on %d cores, %s",
        clients,
        seconds,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"));
    try (FakeTwilio twilio = new FakeTwilio()) {
      Map<String, String> properties = new HashMap<>(twilio.properties());
      properties.put("saknad.sms.escalation-interval", "1h");
      properties.put("saknad.alerting.widen-interval", "1h");
      // -Dsaknad.load.sms-rate=N paces sending, to see the report path without the SMS pipeline
      String rate = System.getProperty("saknad.load.sms-rate");
      if (rate != null) {
        properties.put("saknad.sms.rate-per-second", rate);
        say("SMS paced at %s per second", rate);
      }
      ServiceProcess service = new ServiceProcess("load", properties);
      Duration startup = service.start();
      say(
          "start-up to /health UP: %d ms; RSS after start: %d MB",
          startup.toMillis(), service.rssKb() / 1024);
      try (service) {
        run(service, twilio, clients, seconds);
      }
    }
    floor(clients);
    write("load.txt");
  }

  /**
   * A new HIGH case while 10,000 Updates of another case wait for a provider paced at 10 SMS a
   * second: report → first SMS of each new case (the target is 1 s).
   */
  @Test
  void aNewHighCaseWhileTenThousandUpdatesWait() throws Exception {
    int backlog = Integer.getInteger("saknad.load.backlog", 10_000);
    String rate = System.getProperty("saknad.load.sms-rate", "10");
    int cases = Integer.getInteger("saknad.load.new-cases", 10);
    say("# A new HIGH case while %d Updates wait, SMS paced at %s a second", backlog, rate);
    try (FakeTwilio twilio = new FakeTwilio()) {
      Map<String, String> properties = new HashMap<>(twilio.properties());
      properties.put("saknad.sms.escalation-interval", "1h");
      properties.put("saknad.alerting.widen-interval", "1h");
      properties.put("saknad.sms.rate-per-second", rate);
      try (ServiceProcess service = new ServiceProcess("backlog", properties)) {
        service.start();
        ProcessClient api = new ProcessClient(service.url());
        String admin = api.login("admin", ServiceProcess.ADMIN_PASSWORD);
        ProcessClient.HomeAndStaff hs = setUp(api, admin, 60);
        List<UUID> children = children(UUID.fromString(hs.homeId()), cases + 1);
        String older = report(api, hs.staffToken(), children.get(0), "STANDARD").id();
        while (TestDatabase.count(
                "SELECT count(*) FROM delivery WHERE case_id = ?::uuid AND status IN ('QUEUED',"
                    + " 'SENDING')",
                older)
            > 0) {
          Thread.sleep(100);
        }
        // The older case's Updates: the lane after first alerts and notices, STANDARD, not police
        TestDatabase.sql(
            """
            INSERT INTO delivery (id, alert_id, case_id, recipient_kind, phone, body, status,
              priority, turn, next_attempt_at, ack_required, created_at, updated_at)
            SELECT gen_random_uuid(), d.alert_id, d.case_id, 'SHELTER',
              '+4670998' || lpad(n::text, 5, '0'), 'SAKNAD uppdatering', 'QUEUED', 221, n, now(),
              false, now(), now()
            FROM (SELECT alert_id, case_id FROM delivery WHERE case_id = ?::uuid LIMIT 1) d,
              generate_series(0, ? - 1) n
            """,
            older,
            backlog);
        TestDatabase.sql("SELECT pg_notify('saknad_outbox', '')");
        Thread.sleep(2_000);
        List<Long> firstMicros = new ArrayList<>();
        for (int i = 1; i <= cases; i++) {
          long t0 = System.nanoTime();
          String code = report(api, hs.staffToken(), children.get(i), "HIGH").code();
          long deadline = t0 + Duration.ofSeconds(30).toNanos();
          Long first = null;
          while (first == null && System.nanoTime() < deadline) {
            first =
                twilio.accepted().stream()
                    .filter(m -> m.body().startsWith("SAKNAD " + code + ":"))
                    .map(FakeTwilio.Sent::atNanos)
                    .min(Long::compare)
                    .orElse(null);
            Thread.sleep(5);
          }
          if (first != null) {
            firstMicros.add((first - t0) / 1000);
          }
          // the case's own 19 messages go at the pace too: the next case comes after them
          Thread.sleep(Math.max(0, t0 / 1_000_000 + 3_000 - System.nanoTime() / 1_000_000));
        }
        long waiting =
            TestDatabase.count(
                "SELECT count(*) FROM delivery WHERE phone LIKE '+4670998%' AND status = 'QUEUED'");
        say(
            "report -> first SMS of a new HIGH case: %s (%d of %d cases); Updates still waiting"
                + " afterwards: %d of %d",
            percentiles(firstMicros), firstMicros.size(), cases, waiting, backlog);
        TestDatabase.sql(
            "UPDATE delivery SET status = 'WITHDRAWN' WHERE phone LIKE '+4670998%'"
                + " AND status = 'QUEUED'");
      }
    }
    write("backlog.txt");
  }

  /**
   * The soak: 20 clients reporting once a second each for 30 minutes (-Dsaknad.load.soak-minutes)
   * with escalation and widening on as configured for production; the duty officer acknowledges
   * every second alert, so that the others escalate. Reports/s, p99 and RSS per minute.
   */
  @Test
  void soakWithEscalationAndWidening() throws Exception {
    int minutes = Integer.getInteger("saknad.load.soak-minutes", 30);
    int clients = Integer.getInteger("saknad.load.clients", 20);
    long pauseMillis = Long.getLong("saknad.load.soak-pause-ms", 1_000);
    say(
        "# Soak: %d clients, one report each every %d ms, %d minutes, escalation and widening on",
        clients, pauseMillis, minutes);
    try (FakeTwilio twilio = new FakeTwilio()) {
      Map<String, String> properties = new HashMap<>(twilio.properties());
      // The clients sign in once: their tokens must outlive the soak (15 minutes by default).
      properties.put(
          "micronaut.security.token.generator.access-token.expiration",
          String.valueOf(Duration.ofMinutes(minutes + 10).toSeconds()));
      try (ServiceProcess service = new ServiceProcess("soak", properties)) {
        service.start();
        ProcessClient api = new ProcessClient(service.url());
        String admin = api.login("admin", ServiceProcess.ADMIN_PASSWORD);
        ProcessClient.HomeAndStaff hs = setUp(api, admin, 1);
        int expected = (int) (clients * minutes * 60_000L / Math.max(1, pauseMillis)) + clients;
        List<UUID> children = children(UUID.fromString(hs.homeId()), expected);
        AtomicInteger next = new AtomicInteger();
        // per minute: answered reports and their latencies
        List<ConcurrentLinkedQueue<Long>> perMinute = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
          perMinute.add(new ConcurrentLinkedQueue<>());
        }
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofMinutes(minutes).toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
          startThread(
              () -> {
                try {
                  while (System.nanoTime() < end) {
                    int i = next.getAndIncrement();
                    if (i >= children.size()) {
                      break;
                    }
                    long t0 = System.nanoTime();
                    var answer =
                        api.send(
                            hs.staffToken(),
                            "POST",
                            "/api/v1/children/" + children.get(i) + "/disappearances",
                            reportBody("STANDARD"));
                    long t1 = System.nanoTime();
                    int minute = (int) ((t1 - start) / 60_000_000_000L);
                    if (answer.statusCode() != 201) {
                      failures.incrementAndGet();
                    } else if (minute < perMinute.size()) {
                      perMinute.get(minute).add((t1 - t0) / 1000);
                    }
                    Thread.sleep(Math.max(0, pauseMillis - (t1 - t0) / 1_000_000));
                  }
                } catch (Exception e) {
                  failures.incrementAndGet();
                } finally {
                  done.countDown();
                }
              });
        }
        Thread police = acknowledgingEverySecond(api, twilio, done);
        long[] rss = new long[minutes];
        for (int m = 0; m < minutes; m++) {
          long minuteEnd = start + Duration.ofMinutes(m + 1).toNanos();
          while (System.nanoTime() < minuteEnd) {
            Thread.sleep(1_000);
          }
          rss[m] = service.rssKb();
        }
        done.await();
        police.interrupt();
        say("| minute | reports/s | report -> 201 | RSS |");
        say("|---|---|---|---|");
        for (int m = 0; m < minutes; m++) {
          List<Long> micros = new ArrayList<>(perMinute.get(m));
          say(
              "| %d | %.1f | %s | %d MB |",
              m + 1, micros.size() / 60.0, percentiles(micros), rss[m] / 1024);
        }
        long escalated =
            TestDatabase.count("SELECT count(*) FROM delivery WHERE escalated_at IS NOT NULL");
        long widened = TestDatabase.count("SELECT count(*) FROM alert WHERE reason = 'WIDENED'");
        say(
            "failed reports: %d; escalated deliveries: %d; widening alerts: %d; peak RSS %d MB",
            failures.get(), escalated, widened, service.peakRssKb() / 1024);
      }
    }
    write("soak.txt");
  }

  private record Reported(String id, String code) {}

  private static Reported report(ProcessClient api, String staff, UUID child, String risk)
      throws Exception {
    Json answer =
        api.call(staff, "POST", "/api/v1/children/" + child + "/disappearances", reportBody(risk));
    return new Reported(answer.string("id"), answer.string("code"));
  }

  private static Map<String, Object> reportBody(String risk) {
    return Map.of(
        "lastSeenAt",
        OffsetDateTime.now().minusMinutes(10).toString(),
        "lastSeenLocation",
        UPPSALA,
        "clothing",
        "Mörk jacka",
        "riskLevel",
        risk);
  }

  /** A duty officer who answers every second police SMS, until {@code done} and interrupted. */
  private static Thread acknowledgingEverySecond(
      ProcessClient api, FakeTwilio twilio, CountDownLatch done) {
    return startThread(
        () -> {
          int seen = 0;
          while (!Thread.currentThread().isInterrupted()) {
            List<FakeTwilio.Sent> sent = twilio.acceptedTo(POLICE_PHONE);
            for (; seen < sent.size(); seen++) {
              if (seen % 2 == 1) {
                continue;
              }
              String body = sent.get(seen).body();
              if (!body.startsWith("SAKNAD ") || body.indexOf(':') < 0) {
                continue;
              }
              try {
                acknowledge(api, body);
              } catch (Exception e) {
                // the soak counts reports; an acknowledgement lost here escalates
              }
            }
            try {
              Thread.sleep(done.getCount() == 0 ? 50 : 5);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
  }

  /** The duty officer's "OK <code>" to the alert {@code body}, through the signed webhook. */
  private static int acknowledge(ProcessClient api, String body) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    form.put("From", POLICE_PHONE);
    form.put("To", FakeTwilio.FROM);
    form.put("Body", "OK " + body.substring("SAKNAD ".length(), body.indexOf(':')));
    return api.signedWebhook("/sms/inbound", form);
  }

  private void write(String name) throws java.io.IOException {
    Path file = Path.of("target", "benchmarks", name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
  }

  private double serviceReportsPerSecond;

  private void run(ServiceProcess service, FakeTwilio twilio, int clients, int seconds)
      throws Exception {
    String base = service.url();
    ProcessClient api = new ProcessClient(base);
    String admin = api.login("admin", ServiceProcess.ADMIN_PASSWORD);
    ProcessClient.HomeAndStaff hs = setUp(api, admin, 60);
    String home = hs.homeId();
    String staff = hs.staffToken();
    int capacity = clients * seconds * 60;
    List<UUID> children = children(UUID.fromString(home), Math.min(capacity, 60_000));
    say("set-up: 19 recipients, %d children ready", children.size());

    double cpuBefore = service.cpuSeconds();
    long machineBefore = machineBusyTicks();
    AtomicInteger next = new AtomicInteger();
    ConcurrentLinkedQueue<Long> reportMicros = new ConcurrentLinkedQueue<>();
    Map<String, Long> startedByCode = new ConcurrentHashMap<>();
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      startThread(
          () -> {
            try {
              while (System.nanoTime() < end) {
                int i = next.getAndIncrement();
                if (i >= children.size()) {
                  break;
                }
                long t0 = System.nanoTime();
                var answer =
                    api.send(
                        staff,
                        "POST",
                        "/api/v1/children/" + children.get(i) + "/disappearances",
                        reportBody("STANDARD"));
                long t1 = System.nanoTime();
                if (answer.statusCode() != 201) {
                  failures.incrementAndGet();
                  continue;
                }
                reportMicros.add((t1 - t0) / 1000);
                String code = Json.parse(answer.body()).string("code");
                startedByCode.put(code, t0);
              }
            } catch (Exception e) {
              failures.incrementAndGet();
            } finally {
              done.countDown();
            }
          });
    }
    // the duty officer acknowledges every alert as it arrives, through the signed webhook
    ConcurrentLinkedQueue<Long> ackMicros = new ConcurrentLinkedQueue<>();
    AtomicInteger acked = new AtomicInteger();
    Thread police =
        startThread(
            () -> {
              int seen = 0;
              while (done.getCount() > 0 || seen < twilio.acceptedTo(POLICE_PHONE).size()) {
                List<FakeTwilio.Sent> sent = twilio.acceptedTo(POLICE_PHONE);
                for (; seen < sent.size(); seen++) {
                  try {
                    long t0 = System.nanoTime();
                    var answer = acknowledge(api, sent.get(seen).body());
                    if (answer == 200) {
                      ackMicros.add((System.nanoTime() - t0) / 1000);
                      acked.incrementAndGet();
                    }
                  } catch (Exception e) {
                    // counted as missing
                  }
                }
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    long peakRss = 0;
    while (!done.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peakRss = Math.max(peakRss, service.rssKb());
    }
    long elapsedNanos = Duration.ofSeconds(seconds).toNanos();
    double serviceCores = (service.cpuSeconds() - cpuBefore) / seconds;
    double machineCores = (machineBusyTicks() - machineBefore) / 100.0 / seconds;
    long drainStart = System.nanoTime();
    long backlog =
        TestDatabase.count("SELECT count(*) FROM delivery WHERE status IN ('QUEUED', 'SENDING')");
    while (TestDatabase.count("SELECT count(*) FROM delivery WHERE status IN ('QUEUED', 'SENDING')")
            > 0
        && System.nanoTime() - drainStart < Duration.ofSeconds(300).toNanos()) {
      peakRss = Math.max(peakRss, service.rssKb());
      Thread.sleep(500);
    }
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    police.join(10_000);
    peakRss = Math.max(peakRss, service.peakRssKb());

    List<Long> smsMicros = new ArrayList<>();
    Map<String, Long> firstSms = new HashMap<>();
    for (FakeTwilio.Sent s : twilio.accepted()) {
      if (s.body().startsWith("SAKNAD ")) {
        String code = s.body().substring("SAKNAD ".length(), s.body().indexOf(':'));
        firstSms.merge(code, s.atNanos(), Math::min);
      }
    }
    Map<String, Long> lastSms = new HashMap<>();
    for (FakeTwilio.Sent s : twilio.accepted()) {
      if (s.body().startsWith("SAKNAD ")) {
        String code = s.body().substring("SAKNAD ".length(), s.body().indexOf(':'));
        lastSms.merge(code, s.atNanos(), Math::max);
      }
    }
    List<Long> lastMicros = new ArrayList<>();
    startedByCode.forEach(
        (code, t0) -> {
          Long first = firstSms.get(code);
          if (first != null) {
            smsMicros.add((first - t0) / 1000);
          }
          Long last = lastSms.get(code);
          if (last != null) {
            lastMicros.add((last - t0) / 1000);
          }
        });
    int reports = reportMicros.size();
    serviceReportsPerSecond = reports / (elapsedNanos / 1e9);
    say(
        "reports: %d answered 201, %d failed; sustained %.1f reports/s",
        reports, failures.get(), serviceReportsPerSecond);
    say("report -> 201: %s", percentiles(new ArrayList<>(reportMicros)));
    say(
        "report -> first SMS at the provider: %s (%d of %d cases)",
        percentiles(smsMicros), smsMicros.size(), reports);
    say(
        "report -> last phone of its alert (updates and Cancels included): %s",
        percentiles(lastMicros));
    say(
        "acknowledgement webhook: %s (%d acknowledged)",
        percentiles(new ArrayList<>(ackMicros)), acked.get());
    say(
        "SMS accepted by the provider: %d (%.1f per report); outbox backlog when the clients stopped: %d,"
            + " drained in %.1f s; SMS throughput over the run: %.0f/s",
        twilio.accepted().size(),
        twilio.accepted().size() / (double) Math.max(1, reports),
        backlog,
        drainSeconds,
        twilio.accepted().size() / (seconds + drainSeconds));
    say("peak RSS of the service: %d MB (VmHWM)", peakRss / 1024);
    say(
        "CPU while the clients ran: the service %.2f cores, the whole machine %.2f of %d",
        serviceCores, machineCores, Runtime.getRuntime().availableProcessors());
  }

  /**
   * One police desk that must acknowledge (escalating after {@code escalateMinutes}), and 18
   * others: ~20 deliveries per report with the responsible municipality's social services; a home
   * in Uppsala and its staff.
   */
  private static ProcessClient.HomeAndStaff setUp(
      ProcessClient api, String admin, int escalateMinutes) throws Exception {
    TestDatabase.sql(
        "UPDATE recipient SET deleted_at = now() WHERE name LIKE 'Lastprov %' AND deleted_at IS NULL");
    api.call(
        admin,
        "POST",
        "/api/v1/recipients",
        recipient("Lastprov polis", "POLICE", POLICE_PHONE, true, escalateMinutes));
    for (int i = 0; i < 18; i++) {
      api.call(
          admin,
          "POST",
          "/api/v1/recipients",
          recipient(
              "Lastprov jour " + i,
              "SHELTER",
              String.format("+4670999%04d", i + 1),
              false,
              escalateMinutes));
    }
    return api.homeWithStaff(admin, "HVB Lastprov " + UUID.randomUUID(), "Uppsala", UPPSALA);
  }

  /** pgbench with the same clients, running the inserts of one report in one transaction. */
  private void floor(int clients) throws Exception {
    Path pgbench = null;
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      for (Path v : versions.toList()) {
        if (Files.isExecutable(v.resolve("bin/pgbench"))) {
          pgbench = v.resolve("bin/pgbench");
        }
      }
    } catch (java.io.IOException e) {
      say("floor: no PostgreSQL installation found");
      return;
    }
    if (pgbench == null) {
      say("floor: pgbench not found");
      return;
    }
    Map<String, String> db = TestDatabase.properties();
    URI url = URI.create(db.get("datasources.default.url").substring("jdbc:".length()));
    UUID child = children(null, 1).get(0);
    String point = "'SRID=4326;POINT(17.6389 59.8586)'::geography";
    String script =
        """
        BEGIN;
        WITH c AS (
          INSERT INTO disappearance_case (id, child_id, code, status, last_seen_at, last_seen_location,
            last_seen_place, clothing, risk_level, municipality_code, police_region_code, search_center,
            reported_by, reported_at, closed_at, child_age, home_municipality_code)
          VALUES (gen_random_uuid(), '%1$s', '0000', 'CLOSED', now(), %2$s, '', 'Mörk jacka', 'STANDARD',
            '0380', 'MITT', %2$s, gen_random_uuid(), now(), now(), 15, '0380') RETURNING id),
        a AS (
          INSERT INTO alert (id, case_id, sequence, msg_type, reason, center, radius_meters, created_at)
          SELECT gen_random_uuid(), c.id, 1, 'Alert', 'REPORTED', %2$s, 5000, now() FROM c
          RETURNING id, case_id),
        aud AS (
          INSERT INTO case_audience (case_id, audience_key, first_alert_id)
          SELECT a.case_id, 'k' || n, a.id FROM a, generate_series(1, 20) n RETURNING 1),
        d AS (
          INSERT INTO delivery (id, alert_id, case_id, recipient_kind, phone, body, status, priority,
            next_attempt_at, ack_required, created_at, updated_at)
          SELECT gen_random_uuid(), a.id, a.case_id, 'SHELTER', '+4670999' || lpad(n::text, 4, '0'),
            repeat('x', 250), 'SENT', 1, now(), false, now(), now()
          FROM a, generate_series(1, 20) n RETURNING 1)
        INSERT INTO audit_event (at, actor_role, action, case_id, endpoint)
        SELECT now(), 'HVB_STAFF', 'CASE_OPENED', id, 'pgbench' FROM c;
        END;
        """
            .formatted(child, point);
    Path file = Files.createTempFile("saknad-report", ".sql");
    Files.writeString(file, script);
    ProcessBuilder bench =
        new ProcessBuilder(
            pgbench.toString(),
            "-n",
            "-c",
            String.valueOf(clients),
            "-j",
            "2",
            "-T",
            "30",
            "-f",
            file.toString(),
            "-h",
            url.getHost(),
            "-p",
            String.valueOf(url.getPort()),
            "-U",
            db.get("datasources.default.username"),
            url.getPath().substring(1));
    bench.environment().put("PGPASSWORD", db.get("datasources.default.password"));
    bench.redirectErrorStream(true);
    Process p = bench.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    double tps = 0;
    for (String line : output.split("\n")) {
      if (line.startsWith("tps = ")) {
        tps = Double.parseDouble(line.substring(6).split(" ")[0]);
      }
      if (line.startsWith("latency average")) {
        say("floor %s", line.trim());
      }
    }
    say(
        "floor (pgbench, %d clients, 30 s, case + alert + 20 audience + 20 deliveries + audit per transaction): %.1f tps",
        clients, tps);
    if (tps > 0 && serviceReportsPerSecond > 0) {
      say("service / floor: %.2f", serviceReportsPerSecond / tps);
    }
  }

  // ---- helpers ----

  /**
   * Busy clock ticks of the whole machine (user + nice + system + irq + softirq) from /proc/stat.
   */
  private static long machineBusyTicks() throws java.io.IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    return Long.parseLong(cpu[1])
        + Long.parseLong(cpu[2])
        + Long.parseLong(cpu[3])
        + Long.parseLong(cpu[6])
        + Long.parseLong(cpu[7]);
  }

  private static Thread startThread(Runnable body) {
    Thread thread = new Thread(body);
    thread.start();
    return thread;
  }

  private static Map<String, Object> recipient(
      String name, String kind, String phone, boolean ack, int escalateMinutes) {
    return Map.of(
        "name",
        name,
        "kind",
        kind,
        "coverage",
        Map.of("municipalityCodes", List.of("0380")),
        "contacts",
        List.of(Map.of("name", "Jour", "phone", phone)),
        "acknowledgementRequired",
        ack,
        "escalateAfterMinutes",
        escalateMinutes);
  }

  /** Children written straight into the database: the load is the reports, not registration. */
  private static List<UUID> children(UUID home, int count) {
    List<UUID> ids = new ArrayList<>(count);
    List<Object[]> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      rows.add(new Object[] {id, home});
    }
    TestDatabase.batch(
        "INSERT INTO child (id, home_id, given_name, family_name, estimated_birth_year, gender,"
            + " nationality, responsible_municipality_code, search_names)"
            + " SELECT ?, coalesce(?, (SELECT id FROM home LIMIT 1)), 'Last', 'Prov', 2011, 'MALE', 'AF',"
            + " '0380', 'last prov'",
        rows);
    return ids;
  }

  private static String percentiles(List<Long> micros) {
    if (micros.isEmpty()) {
      return "no samples";
    }
    Collections.sort(micros);
    return String.format(
        "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        at(micros, 0.50),
        at(micros, 0.95),
        at(micros, 0.99),
        micros.get(micros.size() - 1) / 1000.0,
        micros.size());
  }

  private static double at(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1000.0;
  }
}
