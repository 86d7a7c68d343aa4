package se.saknad.bench;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.saknad.common.Db;
import se.saknad.geo.GeoPoint;
import se.saknad.recipients.Recipients;
import se.saknad.support.ApiTest;

/**
 * Benchmark harness, not a test: it measures and prints, it asserts nothing about time. Run with
 * {@code bin/test -Dgroups=benchmark -Dexcluded.groups=none}; results go to standard output and
 * target/benchmarks/alerting.txt.
 */
@Tag("benchmark")
@MicronautTest(transactional = false)
class AlertingBenchmark extends ApiTest {
  @Inject Recipients recipients;
  @Inject Db db;
  @Inject io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx;

  private final StringBuilder report = new StringBuilder();

  @Test
  void scopingAndReporting() throws Exception {
    loadTenThousandRecipientAreas();
    scoping();
    reporting(1, 40);
    reporting(20, 200);
    duplicateSearch();
    Path out = Path.of("target/benchmarks/alerting.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println(report);
  }

  /** All municipalities and counties, plus random circles and polygons, to 10,000 areas. */
  private void loadTenThousandRecipientAreas() {
    long started = System.nanoTime();
    sql(
        """
        INSERT INTO recipient (id, name, kind, coverage_spec, coverage, coverage_geog,
          acknowledgement_required, escalate_after_minutes, created_at, updated_at)
        SELECT gen_random_uuid(), 'Socialtjänst ' || name, 'SOCIAL_SERVICES', '{}'::jsonb, geom, geom::geography,
               false, 10, now(), now() FROM municipality
        """);
    sql(
        """
        INSERT INTO recipient (id, name, kind, coverage_spec, coverage, coverage_geog,
          acknowledgement_required, escalate_after_minutes, created_at, updated_at)
        SELECT gen_random_uuid(), 'Länsstyrelse ' || name, 'OTHER', '{}'::jsonb, geom, geom::geography,
               false, 10, now(), now() FROM county
        """);
    sql(
        """
        INSERT INTO recipient (id, name, kind, coverage_spec, coverage, coverage_geog,
          acknowledgement_required, escalate_after_minutes, created_at, updated_at)
        SELECT gen_random_uuid(), 'Cirkel ' || i, 'SHELTER', '{}'::jsonb, g, g::geography, false, 10, now(), now()
        FROM generate_series(1, 6000) AS i,
             LATERAL (SELECT ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(11.5 + random() * 11 + i * 0,
                      55.5 + random() * 12), 4326)::geography, 1000 + random() * 9000, 16)::geometry) AS g) x
        """);
    sql(
        """
        INSERT INTO recipient (id, name, kind, coverage_spec, coverage, coverage_geog,
          acknowledgement_required, escalate_after_minutes, created_at, updated_at)
        SELECT gen_random_uuid(), 'Polygon ' || i, 'OTHER', '{}'::jsonb, g, g::geography, false, 10, now(), now()
        FROM generate_series(1, 10000 - 6000 - 290 - 21) AS i,
             LATERAL (SELECT ST_Multi(ST_ConvexHull(ST_Collect(ARRAY[
                 ST_MakePoint(x0, y0), ST_MakePoint(x0 + 0.05 + random() * 0.2, y0),
                 ST_MakePoint(x0 + random() * 0.2, y0 + 0.05 + random() * 0.15),
                 ST_MakePoint(x0 - random() * 0.1, y0 + random() * 0.1)]))) AS g
               FROM (SELECT 11.5 + random() * 11 + i * 0 AS x0, 55.5 + random() * 12 AS y0) p) x
        """);
    sql(
        """
        INSERT INTO recipient_contact (id, recipient_id, position, name, phone)
        SELECT gen_random_uuid(), id, 1, 'Jour', '+4670' || lpad((row_number() OVER ())::text, 7, '0')
        FROM recipient WHERE name LIKE 'Cirkel %' OR name LIKE 'Polygon %' OR name LIKE 'Socialtjänst %'
        """);
    // What Recipients writes with each recipient: its coverage in pieces (see Recipients.PIECES).
    sql(
        """
        INSERT INTO recipient_coverage_piece (recipient_id, piece, piece_geog)
        SELECT r.id, d.geom, ST_Transform(d.geom, 4326)::geography
        FROM recipient r,
             ST_Subdivide(ST_Transform(ST_Segmentize(r.coverage_geog, 1000)::geometry, 3006), 128)
               AS s (geom),
             ST_Dump(s.geom) AS d
        WHERE NOT EXISTS (SELECT 1 FROM recipient_coverage_piece p WHERE p.recipient_id = r.id)
          AND r.deleted_at IS NULL
        """);
    sql("ANALYZE recipient");
    sql("ANALYZE recipient_contact");
    sql("ANALYZE recipient_coverage_piece");
    line(
        "Recipient areas: %s loaded in %d ms",
        column("SELECT count(*) FROM recipient WHERE deleted_at IS NULL").get(0),
        (System.nanoTime() - started) / 1_000_000);
  }

  private void scoping() {
    int n = 2000;
    List<GeoPoint> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(
          new GeoPoint(
              56 + ThreadLocalRandom.current().nextDouble() * 10,
              12.5 + ThreadLocalRandom.current().nextDouble() * 6));
    }
    List<Object> ids = column("SELECT id FROM recipient ORDER BY random() LIMIT 2000");
    for (int warm = 0; warm < 200; warm++) {
      recipients.inScope(points.get(warm), 30000, "0138");
    }
    long[] scope = new long[n];
    long[] pk = new long[n];
    int matched = 0;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      matched += recipients.inScope(points.get(i), 30000, "0138").size();
      scope[i] = System.nanoTime() - t0;
      Object id = ids.get(i % ids.size());
      long t1 = System.nanoTime();
      tx.executeRead(
          s -> db.one("SELECT * FROM recipient WHERE id = ?", rs -> rs.getString("name"), id));
      pk[i] = System.nanoTime() - t1;
    }
    line(
        "Scoping query, 30 km circle against 10,000 areas, %d random points in Sweden (avg %.1f recipients each):",
        n, matched / (double) n);
    line("  scoping      p50 %.2f ms  p99 %.2f ms", pct(scope, 50), pct(scope, 99));
    line(
        "  primary key  p50 %.2f ms  p99 %.2f ms  (same run, same transaction overhead)",
        pct(pk, 50), pct(pk, 99));
  }

  private void reporting(int concurrency, int reports) throws Exception {
    UUID home = newHome(TYRESO_CENTRUM);
    String staff = userToken("HVB_STAFF", Map.of("homeId", home));
    List<UUID> children = new ArrayList<>();
    for (int i = 0; i < reports; i++) {
      children.add(newChild(staff, profile(home, "Bench", "Child" + i)));
    }
    // Warm up: one report.
    report(staff, children.remove(0));
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<Long>> futures = new ArrayList<>();
    long started = System.nanoTime();
    for (UUID child : children) {
      futures.add(pool.submit(() -> report(staff, child)));
    }
    long[] times = new long[futures.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = futures.get(i).get();
    }
    long wall = System.nanoTime() - started;
    pool.shutdown();
    Object deliveries =
        column(
                "SELECT round(avg(c)) FROM (SELECT count(*) c FROM delivery d JOIN alert a ON a.id = d.alert_id WHERE a.sequence = 1 GROUP BY a.id) x")
            .get(0);
    line(
        "Report → 201 over HTTP (case + alert + deliveries, one transaction), %d reports, %d concurrent, ~%s deliveries each:",
        times.length, concurrency, deliveries);
    line(
        "  p50 %.1f ms  p99 %.1f ms  max %.1f ms  throughput %.1f reports/s",
        pct(times, 50), pct(times, 99), pct(times, 100), times.length / (wall / 1e9));
  }

  /** The duplicate finder with 10,000 children registered. */
  private void duplicateSearch() {
    UUID home = newHome(MALMO);
    sql(
        """
        INSERT INTO child (id, home_id, given_name, family_name, aliases, date_of_birth, gender,
          nationality, languages, responsible_municipality_code, search_names, created_at, updated_at)
        SELECT gen_random_uuid(), ?, g, f, '{}', date '2008-01-01' + (random() * 3000)::int, 'MALE',
               'AF', '{}', '1280', lower(g || ' ' || f), now(), now()
        FROM (SELECT (ARRAY['Ahmad','Ahmed','Mohammad','Muhammed','Ali','Reza','Hamid','Omid','Yusuf','Karim',
                            'Jamal','Sami','Nasir','Farid','Hassan','Hussein','Mariam','Fatima','Zahra','Amina'])[1 + (random() * 19)::int] AS g,
                     (ARRAY['Karimi','Rahimi','Ahmadi','Hosseini','Sultani','Azizi','Nazari','Haidari','Rezai','Noori',
                            'Jafari','Mohammadi','Sadiqi','Safi','Wardak','Popal','Stanekzai','Amiri','Qasemi','Hakimi'])[1 + (random() * 19)::int]
                     || CASE WHEN random() < 0.5 THEN '' ELSE chr(97 + (random() * 25)::int) END AS f
              FROM generate_series(1, 10000)) names
        """,
        home);
    sql("ANALYZE child");
    String coordinator = userToken("COORDINATOR", Map.of());
    List<Object> ids = column("SELECT id FROM child WHERE home_id = ? LIMIT 300", home);
    long[] times = new long[ids.size()];
    int found = 0;
    for (int i = 0; i < ids.size(); i++) {
      long t0 = System.nanoTime();
      found +=
          as(coordinator).get("/api/v1/children/" + ids.get(i) + "/possible-duplicates").size();
      times[i] = System.nanoTime() - t0;
    }
    line(
        "Duplicate search over HTTP with %s children registered, %d searches (avg %.1f candidates):",
        column("SELECT count(*) FROM child").get(0), times.length, found / (double) times.length);
    line("  p50 %.1f ms  p99 %.1f ms", pct(times, 50), pct(times, 99));
  }

  private long report(String staff, UUID child) {
    Map<String, Object> body = new HashMap<>();
    body.put("lastSeenAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).toString());
    body.put("lastSeenLocation", TYRESO_CENTRUM);
    body.put("lastSeenPlace", "Tyresö centrum");
    body.put("clothing", "Svart jacka");
    body.put("riskLevel", "HIGH");
    long t0 = System.nanoTime();
    try {
      http()
          .exchange(
              HttpRequest.POST("/api/v1/children/" + child + "/disappearances", body)
                  .bearerAuth(staff));
    } catch (HttpClientResponseException e) {
      throw new IllegalStateException("report failed: " + e.getStatus(), e);
    }
    return System.nanoTime() - t0;
  }

  private static double pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private void line(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
