package se.saknad.recipients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.saknad.geo.GeoPoint;
import se.saknad.recipients.RecipientApi.Target;
import se.saknad.support.ApiTest;
import se.saknad.support.TestDatabase;

@MicronautTest(transactional = false)
class RecipientScopeTest extends ApiTest {
  /** The scoping rule as it read before coverage pieces: distance to the whole coverage. */
  private static final String WHOLE_COVERAGE =
      """
      SELECT r.id FROM recipient r
      WHERE r.deleted_at IS NULL AND r.kind <> 'TRAFFICKING_COORDINATOR'
        AND (ST_DWithin(r.coverage_geog, ST_GeogFromText(?), ?)
             OR (r.kind = 'SOCIAL_SERVICES'
                 AND ST_Intersects(r.coverage,
                       (SELECT ST_PointOnSurface(m.geom) FROM municipality m WHERE m.code = ?))))
      """;

  @Inject Recipients recipients;

  @Test
  void theScopeIsTheDistanceToTheWholeCoverageAlsoAtTheEdgeOfTheSearchArea() {
    String admin = adminToken();
    create(admin, "Kant kommuner", "SOCIAL_SERVICES", Map.of("municipalityCodes", List.of("0180")));
    create(admin, "Kant län", "OTHER", Map.of("countyCodes", List.of("25")));
    create(admin, "Kant region", "POLICE", Map.of("policeRegion", "NORD"));
    // On the projection's central meridian (scale 0.9996) and in the far north-east (about 1.0017).
    String central =
        create(
            admin,
            "Kant mitt",
            "SHELTER",
            Map.of("center", Map.of("lat", 62.39, "lon", 15.0), "radiusMeters", 20000));
    String haparanda =
        create(
            admin,
            "Kant nordost",
            "SHELTER",
            Map.of("center", Map.of("lat", 65.84, "lon", 24.13), "radiusMeters", 8000));
    // A drawn polygon with edges hundreds of kilometres long.
    create(
        admin,
        "Kant polygon",
        "OTHER",
        Map.of(
            "geojson",
            Map.of(
                "type",
                "Polygon",
                "coordinates",
                List.of(
                    List.of(
                        List.of(12.0, 56.0),
                        List.of(19.0, 56.2),
                        List.of(18.0, 60.5),
                        List.of(12.5, 59.0),
                        List.of(12.0, 56.0))))));

    List<GeoPoint> points = new ArrayList<>();
    List<Long> radii = new ArrayList<>();
    Random random = new Random(17);
    long[] sizes = {5_000, 15_000, 30_000, 100_000};
    for (int i = 0; i < 240; i++) {
      points.add(new GeoPoint(55.5 + random.nextDouble() * 12, 11.5 + random.nextDouble() * 12));
      radii.add(sizes[i % sizes.length]);
    }
    // Search areas whose edge passes just inside or just outside a coverage: closer than the
    // projection's distortion, so that a planar distance alone would decide some of them wrongly.
    List<GeoPoint> nearEdges = new ArrayList<>();
    for (long away : sizes) {
      nearEdges.add(pointAt(62.39, 15.0, 20000 + away, 80));
      nearEdges.add(pointAt(65.84, 24.13, 8000 + away, 200));
      nearEdges.add(pointAt(58.25, 18.5, away, 100));
    }
    for (GeoPoint point : nearEdges) {
      double distance = distanceToNearestOf(point, central, haparanda);
      for (double factor : new double[] {0.999, 0.9997, 1.0003, 1.001}) {
        points.add(point);
        radii.add(Math.round(distance / factor));
      }
    }
    int reached = 0;
    for (int i = 0; i < points.size(); i++) {
      Set<UUID> expected = whole(points.get(i), radii.get(i), "0138");
      Set<UUID> scoped =
          recipients.inScope(points.get(i), radii.get(i), "0138").stream()
              .map(Target::id)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, scoped, points.get(i) + " within " + radii.get(i) + " m");
      reached += scoped.contains(UUID.fromString(central)) ? 1 : 0;
    }
    assertTrue(reached >= 4, "the circle was reached from its neighbourhood: " + reached);
  }

  @Test
  void aRecipientIsScopedByItsCurrentCoverageAndNotAtAllOnceDeleted() {
    String admin = adminToken();
    GeoPoint kiruna = new GeoPoint(67.8558, 20.2253);
    GeoPoint malmo = new GeoPoint(55.6050, 13.0038);
    UUID id =
        UUID.fromString(
            create(
                admin,
                "Flyttande jour",
                "SHELTER",
                Map.of("center", Map.of("lat", 67.8558, "lon", 20.2253), "radiusMeters", 3000)));
    assertTrue(ids(kiruna).contains(id));
    assertFalse(ids(malmo).contains(id));

    Map<String, Object> moved =
        request("Flyttande jour", "SHELTER", Map.of("countyCodes", List.of("12")));
    as(admin).put("/api/v1/recipients/" + id, moved);
    assertFalse(ids(kiruna).contains(id));
    assertTrue(ids(malmo).contains(id));

    as(admin).delete("/api/v1/recipients/" + id);
    assertFalse(ids(malmo).contains(id));
    assertEquals(
        0L,
        TestDatabase.count(
            "SELECT count(*) FROM recipient_coverage_piece WHERE recipient_id = ?", id));
  }

  private Set<UUID> ids(GeoPoint point) {
    return recipients.inScope(point, 5000, "2584").stream()
        .map(Target::id)
        .collect(Collectors.toSet());
  }

  private Set<UUID> whole(GeoPoint point, long radius, String municipality) {
    return column(WHOLE_COVERAGE, point.toEwkt(), (double) radius, municipality).stream()
        .map(UUID.class::cast)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The point {@code meters} from (lat, lon) towards {@code azimuth} degrees. */
  private GeoPoint pointAt(double lat, double lon, double meters, double azimuth) {
    List<Object> row =
        column(
            "SELECT ST_Y(p::geometry) || ' ' || ST_X(p::geometry) FROM"
                + " (SELECT ST_Project(ST_GeogFromText(?), ?, radians(?)) AS p) x",
            new GeoPoint(lat, lon).toEwkt(),
            meters,
            azimuth);
    String[] parts = row.get(0).toString().split(" ");
    return new GeoPoint(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
  }

  /** Metres on the spheroid from the point to the nearest coverage of the recipients. */
  private double distanceToNearestOf(GeoPoint point, String... recipientIds) {
    return TestDatabase.value(
            Number.class,
            "SELECT min(ST_Distance(coverage_geog, ST_GeogFromText(?))) FROM recipient"
                + " WHERE id = ANY (?::uuid[])",
            point.toEwkt(),
            recipientIds)
        .doubleValue();
  }

  private String create(String admin, String name, String kind, Map<String, Object> coverage) {
    return aRecipient()
        .named(name)
        .kind(kind)
        .coverage(coverage)
        .phone("+46701234599")
        .by(admin)
        .create()
        .toString();
  }

  private static Map<String, Object> request(
      String name, String kind, Map<String, Object> coverage) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("kind", kind);
    body.put("coverage", coverage);
    body.put("contacts", List.of(Map.of("name", "Jour", "phone", "+46701234599")));
    return body;
  }
}
