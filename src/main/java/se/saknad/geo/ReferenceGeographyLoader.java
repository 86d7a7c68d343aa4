package se.saknad.geo;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the shipped reference geography into PostGIS once. Idempotent and safe with several
 * instances starting together: a transaction-scoped advisory lock serialises them and the load only
 * runs while the tables are empty.
 */
@Singleton
class ReferenceGeographyLoader implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceGeographyLoader.class);
  private static final long LOCK_KEY = 0x5a4b4e4144L;

  private final TransactionOperations<Connection> transactions;

  ReferenceGeographyLoader(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    load();
  }

  void load() {
    transactions.executeWrite(
        status -> {
          Connection connection = status.getConnection();
          try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
          }
          try (var count = connection.createStatement();
              ResultSet rs = count.executeQuery("SELECT count(*) FROM municipality")) {
            rs.next();
            if (rs.getLong(1) > 0) {
              return null;
            }
          }
          long started = System.nanoTime();
          try (var region =
                  connection.prepareStatement(
                      "INSERT INTO police_region (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING");
              var county =
                  connection.prepareStatement(
                      "INSERT INTO county (code, name, police_region_code) VALUES (?, ?, ?)")) {
            for (CSVRecord row : policeRegions()) {
              region.setString(1, row.get("police_region_code"));
              region.setString(2, row.get("police_region_name"));
              region.executeUpdate();
              county.setString(1, row.get("county_code"));
              county.setString(2, row.get("county_name"));
              county.setString(3, row.get("police_region_code"));
              county.executeUpdate();
            }
          }
          try (var municipalities =
              connection.prepareStatement(
                  """
                  INSERT INTO municipality (code, name, county_code, geom, geog)
                  SELECT f -> 'properties' ->> 'id', f -> 'properties' ->> 'kom_namn',
                         f -> 'properties' ->> 'lan_code', g, g::geography
                  FROM json_array_elements(?::json -> 'features') AS f,
                       LATERAL ST_Multi(ST_CollectionExtract(ST_MakeValid(
                         ST_SetSRID(ST_GeomFromGeoJSON(f ->> 'geometry'), 4326)), 3)) AS g
                  """)) {
            municipalities.setString(1, resource("geo/municipalities.geojson"));
            municipalities.executeUpdate();
          }
          try (var unions = connection.createStatement()) {
            unions.executeUpdate(
                """
                UPDATE county c SET geom = u.geom FROM (
                  SELECT county_code, ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom
                  FROM municipality GROUP BY county_code) u
                WHERE u.county_code = c.code
                """);
            unions.executeUpdate(
                """
                UPDATE police_region p SET geom = u.geom FROM (
                  SELECT c.police_region_code,
                         ST_Multi(ST_CollectionExtract(ST_Union(m.geom), 3)) AS geom
                  FROM municipality m JOIN county c ON c.code = m.county_code
                  GROUP BY c.police_region_code) u
                WHERE u.police_region_code = p.code
                """);
          }
          LOG.info(
              "Loaded reference geography in {} ms", (System.nanoTime() - started) / 1_000_000);
          return null;
        });
  }

  private static Iterable<CSVRecord> policeRegions() {
    try {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(new java.io.StringReader(resource("geo/police-regions.csv")))
          .getRecords();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in =
        ReferenceGeographyLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
