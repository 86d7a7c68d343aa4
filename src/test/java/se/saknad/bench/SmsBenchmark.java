package se.saknad.bench;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.TwilioSignature;

/**
 * Benchmark harness: report → SMS at the provider stand-in, idle and under 20 concurrent reports,
 * and the signed acknowledgement webhook at 50 requests per second. Prints and writes
 * target/benchmarks/sms.txt; asserts nothing about time. Run with {@code bin/test
 * -Dtest=SmsBenchmark -Dexcluded.groups=none}.
 */
@Tag("benchmark")
@MicronautTest(transactional = false)
class SmsBenchmark extends ApiTest {
  private static final String POLICE = "+46705550001";
  private static FakeTwilio twilio;
  private final StringBuilder out = new StringBuilder();
  private UUID home;
  private String staff;

  @Override
  public Map<String, String> getProperties() {
    if (twilio == null) {
      twilio = FakeTwilio.started();
    }
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.putAll(twilio.properties());
    return p;
  }

  @AfterAll
  void stop() {
    twilio.close();
    twilio = null;
  }

  record Timing(String code, long start, long created) {}

  @Test
  void reportToSmsAndAcknowledgements() throws Exception {
    home = newHome(KIRUNA);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    as(adminToken())
        .post(
            "/api/v1/recipients",
            Map.of(
                "name",
                "Polisregion Nord",
                "kind",
                "POLICE",
                "coverage",
                Map.of("policeRegion", "NORD"),
                "contacts",
                List.of(Map.of("name", "RLC", "phone", POLICE))));
    as(adminToken())
        .post(
            "/api/v1/recipients",
            Map.of(
                "name",
                "Kiruna socialjour",
                "kind",
                "SOCIAL_SERVICES",
                "coverage",
                Map.of("municipalityCodes", List.of("2584")),
                "contacts",
                List.of(Map.of("name", "Jour", "phone", "+46705550002"))));
    List<UUID> children = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      children.add(newChild(staff, profile(home, "Bench", "Sms" + i)));
    }
    for (int i = 0; i < 10; i++) {
      report(children.remove(0));
    }
    Thread.sleep(1000);
    List<Timing> idle = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      idle.add(report(children.remove(0)));
      Thread.sleep(20);
    }
    line(
        "Report → first SMS at the provider stand-in, idle (50 sequential reports, 3 deliveries each):");
    measure(idle);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Timing>> futures = new ArrayList<>();
    for (UUID child : children.subList(0, 200)) {
      futures.add(pool.submit(() -> report(child)));
    }
    List<Timing> busy = new ArrayList<>();
    for (Future<Timing> f : futures) {
      busy.add(f.get());
    }
    pool.shutdown();
    line("Report → first SMS at the provider stand-in, 20 concurrent reporters (200 reports):");
    measure(busy);
    acknowledgements(busy);
    Path file = Path.of("target/benchmarks/sms.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out.toString());
    System.out.println(out);
  }

  private Timing report(UUID child) {
    Map<String, Object> body = new HashMap<>();
    body.put("lastSeenAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).toString());
    body.put("lastSeenLocation", KIRUNA);
    body.put("lastSeenPlace", "Kiruna centrum");
    body.put("riskLevel", "HIGH");
    long start = System.nanoTime();
    Json created = as(staff).post("/api/v1/children/" + child + "/disappearances", body);
    return new Timing(created.string("code"), start, System.nanoTime());
  }

  private void measure(List<Timing> timings) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    long[] fromRequest = new long[timings.size()];
    long[] fromAnswer = new long[timings.size()];
    for (int i = 0; i < timings.size(); i++) {
      Timing t = timings.get(i);
      Long arrived = null;
      while (arrived == null && System.currentTimeMillis() < deadline) {
        arrived =
            twilio.accepted().stream()
                .filter(s -> s.body().startsWith("SAKNAD " + t.code() + ":"))
                .map(FakeTwilio.Sent::atNanos)
                .min(Long::compare)
                .orElse(null);
        if (arrived == null) {
          Thread.sleep(5);
        }
      }
      fromRequest[i] = arrived - t.start();
      fromAnswer[i] = arrived - t.created();
    }
    line(
        "  from the report request:  p50 %.1f ms  p99 %.1f ms",
        pct(fromRequest, 50), pct(fromRequest, 99));
    line(
        "  from the 201 answer:      p50 %.1f ms  p99 %.1f ms  (negative: the SMS arrived before the answer)",
        pct(fromAnswer, 50), pct(fromAnswer, 99));
  }

  private void acknowledgements(List<Timing> cases) throws Exception {
    int total = 500;
    long[] latency = new long[total];
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(8);
    List<java.util.concurrent.ScheduledFuture<?>> all = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < total; i++) {
      int n = i;
      all.add(
          scheduler.schedule(
              () -> {
                Map<String, String> form =
                    new java.util.TreeMap<>(
                        Map.of(
                            "MessageSid",
                            "SMbench" + n,
                            "From",
                            POLICE,
                            "To",
                            FakeTwilio.FROM,
                            "Body",
                            "OK " + cases.get(n % cases.size()).code()));
                String signature =
                    TwilioSignature.sign(
                        FakeTwilio.AUTH_TOKEN, "http://saknad.test/sms/inbound", form);
                StringBuilder body = new StringBuilder();
                form.forEach(
                    (k, v) ->
                        body.append(body.length() == 0 ? "" : "&")
                            .append(k)
                            .append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
                long t0 = System.nanoTime();
                http()
                    .exchange(
                        HttpRequest.POST("/sms/inbound", body.toString())
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .header("X-Twilio-Signature", signature),
                        String.class);
                latency[n] = System.nanoTime() - t0;
              },
              i * 20L,
              TimeUnit.MILLISECONDS));
    }
    for (var f : all) {
      f.get();
    }
    scheduler.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    line("Signed acknowledgement webhook, %d requests at 50/s (%.1f s):", total, seconds);
    line(
        "  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms",
        pct(latency, 50), pct(latency, 95), pct(latency, 99));
  }

  private static double pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
