package se.saknad.support;

import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The database every test talks to: the one named by SAKNAD_TEST_DB_URL (what bin/test and CI
 * give), otherwise a postgis/postgis container when a Docker engine is present.
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

  /** A plain JDBC connection to the test database, for tests that run the service as a process. */
  public static java.sql.Connection connect() throws java.sql.SQLException {
    Map<String, String> p = properties();
    return java.sql.DriverManager.getConnection(
        p.get("datasources.default.url"),
        p.get("datasources.default.username"),
        p.get("datasources.default.password"));
  }

  /** Runs one statement, committed. */
  public static void execute(String statement) throws java.sql.SQLException {
    try (java.sql.Connection c = connect();
        java.sql.Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** The first column of the first row of a query. */
  public static long count(String query) throws java.sql.SQLException {
    try (java.sql.Connection c = connect();
        java.sql.ResultSet rs = c.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
