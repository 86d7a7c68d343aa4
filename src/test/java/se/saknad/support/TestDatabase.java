package se.saknad.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The database every test talks to: the one named by SAKNAD_TEST_DB_URL (what bin/test and CI
 * give), otherwise a postgis/postgis container when a Docker engine is present. Every test that
 * reads or writes rows directly does it through this class, on one connection of its own (never one
 * of the service's pool, so that no test set-up is counted, held or rolled back with the service's
 * work).
 */
public final class TestDatabase {
  public static final String URL_VARIABLE = "SAKNAD_TEST_DB_URL";
  private static Map<String, String> properties;

  private TestDatabase() {}

  public static synchronized Map<String, String> properties() {
    if (properties == null) {
      properties = locate();
    }
    return properties;
  }

  private static Map<String, String> locate() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return Map.of(
          "datasources.default.url", url,
          "datasources.default.username", env("SAKNAD_TEST_DB_USER", "postgres"),
          "datasources.default.password", env("SAKNAD_TEST_DB_PASSWORD", ""));
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      PostgreSQLContainer<?> container =
          new PostgreSQLContainer<>(
              DockerImageName.parse("postgis/postgis:15-3.4")
                  .asCompatibleSubstituteFor("postgres"));
      container.start();
      return Map.of(
          "datasources.default.url", container.getJdbcUrl(),
          "datasources.default.username", container.getUsername(),
          "datasources.default.password", container.getPassword());
    }
    throw new IllegalStateException(
        "No test database: set "
            + URL_VARIABLE
            + " (and SAKNAD_TEST_DB_USER, SAKNAD_TEST_DB_PASSWORD), run bin/test, or start Docker");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  // ---- the one way tests reach the database ----

  private static Connection connection;

  /**
   * Runs SQL directly on the test database, committed, for set-ups the API cannot express; returns
   * the number of rows changed (-1 for a query).
   */
  public static int sql(String statement, Object... params) {
    return run(
        c -> {
          try (PreparedStatement s = prepared(c, statement, params)) {
            return s.execute() ? -1 : s.getUpdateCount();
          }
        });
  }

  /** The first column of every row of a query, committed data only. */
  public static List<Object> column(String query, Object... params) {
    return rows(query, params).stream().map(row -> row[0]).toList();
  }

  /** Every row of a query, each as its columns' values. */
  public static List<Object[]> rows(String query, Object... params) {
    return run(
        c -> {
          try (PreparedStatement s = prepared(c, query, params);
              ResultSet rs = s.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
              Object[] row = new Object[columns];
              for (int i = 0; i < columns; i++) {
                row[i] = rs.getObject(i + 1);
              }
              rows.add(row);
            }
            return rows;
          }
        });
  }

  /** The first column of the only row of a query, as {@code type}. */
  public static <T> T value(Class<T> type, String query, Object... params) {
    List<Object> values = column(query, params);
    if (values.size() != 1) {
      throw new AssertionError(values.size() + " rows from " + query);
    }
    return type.cast(values.get(0));
  }

  /**
   * The plan of a query with sequential scans priced out: a table still scanned in it has no index
   * the query can use.
   */
  public static String planWithoutSequentialScans(String query, Object... params) {
    sql("SET enable_seqscan = off");
    try {
      return String.join(
          "\n", column("EXPLAIN " + query, params).stream().map(String::valueOf).toList());
    } finally {
      sql("RESET enable_seqscan");
    }
  }

  /** The number the query counts (its first column of its only row). */
  public static long count(String query, Object... params) {
    return value(Number.class, query, params).longValue();
  }

  /** Runs one statement for each set of parameters, in one transaction. */
  public static void batch(String statement, List<Object[]> parameters) {
    run(
        c -> {
          c.setAutoCommit(false);
          try (PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.size(); i++) {
              bind(s, parameters.get(i));
              s.addBatch();
              if (i % 1000 == 999) {
                s.executeBatch();
              }
            }
            s.executeBatch();
            c.commit();
            return null;
          } catch (SQLException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  private interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  /**
   * One connection for the whole run, opened when first needed and opened again when the server
   * dropped it (a test that restarts the cluster).
   */
  private static synchronized <T> T run(Work<T> work) {
    try {
      if (connection == null || connection.isClosed()) {
        connection = connect();
      }
      try {
        return work.on(connection);
      } catch (SQLException e) {
        if (connection.isValid(2)) {
          throw e;
        }
        connection.close();
        connection = connect();
        return work.on(connection);
      }
    } catch (SQLException e) {
      throw new Failed(e);
    }
  }

  /** A statement failed, or the database could not be reached. */
  public static final class Failed extends RuntimeException {
    Failed(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static PreparedStatement prepared(Connection c, String statement, Object... params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(statement);
    bind(s, params);
    return s;
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
  }

  private static Connection connect() throws SQLException {
    Map<String, String> p = properties();
    return DriverManager.getConnection(
        p.get("datasources.default.url"),
        p.get("datasources.default.username"),
        p.get("datasources.default.password"));
  }
}
