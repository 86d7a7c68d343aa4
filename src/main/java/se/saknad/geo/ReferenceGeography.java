package se.saknad.geo;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.saknad.common.ProblemException;

/** Sweden's municipalities, counties and police regions in PostGIS, and questions about them. */
@Singleton
@Transactional
public class ReferenceGeography {
  /** A point this close to a municipality but inside none (a sliver) belongs to the nearest. */
  static final double SLIVER_METRES = 2000;

  private static final String LOCATE =
      """
      SELECT m.code, m.name, c.code AS county_code, c.name AS county_name,
             p.code AS region_code, p.name AS region_name
      FROM municipality m
      JOIN county c ON c.code = m.county_code
      JOIN police_region p ON p.code = c.police_region_code
      WHERE ST_DWithin(m.geog, ST_GeogFromText(?), ?)
      ORDER BY ST_Intersects(m.geom, ST_GeomFromEWKT(?)) DESC,
               ST_Distance(m.geog, ST_GeogFromText(?))
      LIMIT 1
      """;

  private final JdbcOperations jdbc;
  private final se.saknad.common.Db db;

  ReferenceGeography(JdbcOperations jdbc, se.saknad.common.Db db) {
    this.jdbc = jdbc;
    this.db = db;
  }

  /** The place of a point, or empty when it lies outside Sweden. */
  public Optional<Place> locate(GeoPoint point) {
    String ewkt = point.toEwkt();
    return jdbc.prepareStatement(
        LOCATE,
        statement -> {
          statement.setString(1, ewkt);
          statement.setDouble(2, SLIVER_METRES);
          statement.setString(3, ewkt);
          statement.setString(4, ewkt);
          try (ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(
                new Place(
                    new Place.Area(rs.getString("code"), rs.getString("name")),
                    new Place.Area(rs.getString("county_code"), rs.getString("county_name")),
                    new Place.Area(rs.getString("region_code"), rs.getString("region_name"))));
          }
        });
  }

  /** The place of a point that must lie in Sweden; otherwise a 422 naming the field. */
  public Place requireInSweden(GeoPoint point, String field) {
    return locate(point)
        .orElseThrow(() -> ProblemException.invalid(field, "the position is not in Sweden"));
  }

  public List<Municipality> municipalities() {
    return jdbc.prepareStatement(
        "SELECT code, name, county_code FROM municipality ORDER BY code",
        statement -> {
          List<Municipality> all = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              all.add(
                  new Municipality(
                      rs.getString("code"), rs.getString("name"), rs.getString("county_code")));
            }
          }
          return all;
        });
  }

  private volatile Map<String, String> names;

  /** The name of a municipality, county or police region code; the code itself when unknown. */
  private String name(String code) {
    if (code == null) {
      return "";
    }
    Map<String, String> known = names;
    if (known == null) {
      // Reference geography never changes while the service runs: read once.
      Map<String, String> all = new java.util.HashMap<>();
      for (String table : List.of("municipality", "county", "police_region")) {
        codesAndNames("SELECT code, name FROM " + table)
            .forEach(a -> all.put(table + ":" + a.code(), a.name()));
      }
      names = known = all;
    }
    return known.getOrDefault(
        "municipality:" + code.trim(), known.getOrDefault("police_region:" + code.trim(), code));
  }

  public String municipalityName(String code) {
    return name(code);
  }

  public String policeRegionName(String code) {
    return name(code);
  }

  /** Counties and police regions, for pickers. */
  public Map<String, List<Place.Area>> areas() {
    Map<String, List<Place.Area>> areas = new LinkedHashMap<>();
    areas.put("counties", codesAndNames("SELECT code, name FROM county ORDER BY code"));
    areas.put("policeRegions", codesAndNames("SELECT code, name FROM police_region ORDER BY code"));
    return areas;
  }

  private List<Place.Area> codesAndNames(String sql) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          List<Place.Area> all = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              all.add(new Place.Area(rs.getString("code").trim(), rs.getString("name")));
            }
          }
          return all;
        });
  }

  /**
   * Municipality borders as one GeoJSON FeatureCollection, simplified to about 400 m for drawing on
   * a map. The borders never change while the service runs, so it is built once.
   */
  public String municipalityBorders() {
    String borders = bordersCache;
    if (borders == null) {
      borders =
          jdbc.prepareStatement(
              """
              SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(
                json_build_object('type', 'Feature',
                  'properties', json_build_object('code', code, 'name', name,
                                                  'countyCode', county_code),
                  'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.004), 4)::json)
                ORDER BY code))::text
              FROM municipality
              """,
              statement -> {
                try (ResultSet rs = statement.executeQuery()) {
                  rs.next();
                  return rs.getString(1);
                }
              });
      bordersCache = borders;
    }
    return borders;
  }

  private volatile String bordersCache;

  /**
   * What a small printed map draws: the municipality borders within {@code half} metres of {@code
   * center} (a square), as SVG path data in SWEREF 99 TM metres (true to scale in Sweden) with the
   * centre at the origin and y pointing down, simplified to what a few centimetres of paper show;
   * and where {@code point} lies on that map.
   */
  public LocalMap localMap(GeoPoint center, double half, GeoPoint point) {
    String origin =
        "WITH o AS MATERIALIZED (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 3006)"
            + " AS pt), b AS MATERIALIZED (SELECT pt, ST_Expand(pt, ?) AS box FROM o) ";
    List<String> borders =
        db.list(
            origin
                + "SELECT ST_AsSVG(ST_Translate(ST_SimplifyPreserveTopology(ST_Intersection("
                + "ST_Transform(m.geom, 3006), b.box), ?), -ST_X(b.pt), -ST_Y(b.pt)), 0, 0)"
                + " FROM municipality m, b WHERE m.geom && ST_Transform(b.box, 4326)"
                + " AND ST_Intersects(ST_Transform(m.geom, 3006), b.box) ORDER BY m.code",
            rs -> rs.getString(1),
            center.lon(),
            center.lat(),
            half,
            half / 400);
    double[] at =
        db.one(
                origin
                    + "SELECT ST_X(p) - ST_X(b.pt) AS x, ST_Y(b.pt) - ST_Y(p) AS y FROM b,"
                    + " ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 3006) AS p",
                rs -> new double[] {rs.getDouble("x"), rs.getDouble("y")},
                center.lon(),
                center.lat(),
                half,
                point.lon(),
                point.lat())
            .orElse(new double[] {0, 0});
    return new LocalMap(
        borders.stream().filter(b -> b != null && !b.isBlank()).toList(), at[0], at[1]);
  }

  /** See {@link #localMap}. */
  public record LocalMap(List<String> borders, double pointX, double pointY) {}

  public boolean municipalityExists(String code) {
    return !unknown("municipality", List.of(code)).contains(code);
  }

  public boolean policeRegionExists(String code) {
    return !unknown("police_region", List.of(code)).contains(code);
  }

  /** The codes among {@code codes} that {@code table} does not know. */
  public Set<String> unknown(String table, Collection<String> codes) {
    if (!Set.of("municipality", "county", "police_region").contains(table)) {
      throw new IllegalArgumentException(table);
    }
    Set<String> missing = new HashSet<>(codes);
    jdbc.prepareStatement(
        "SELECT code FROM " + table + " WHERE code = ANY (?)",
        statement -> {
          statement.setArray(1, statement.getConnection().createArrayOf("text", codes.toArray()));
          collectCodes(statement, missing);
          return null;
        });
    return missing;
  }

  private static void collectCodes(PreparedStatement statement, Set<String> missing)
      throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        missing.remove(rs.getString(1).trim());
      }
    }
  }
}
