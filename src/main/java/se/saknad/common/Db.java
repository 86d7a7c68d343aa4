package se.saknad.common;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Native SQL on the current transaction's connection, for the queries that need PostGIS or
 * PostgreSQL features Micronaut Data's generated queries do not express. Parameters: a {@link Ewkt}
 * value (a point) binds as EWKT text (wrap it in ST_GeogFromText(?)), collections as text[], enums
 * by name.
 */
@Singleton
public class Db {
  /** Reads one row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final JdbcOperations jdbc;

  Db(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public <T> List<T> list(String sql, Row<T> row, Object... params) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          bind(statement, params);
          List<T> result = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              result.add(row.map(rs));
            }
          }
          return result;
        });
  }

  public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
    List<T> all = list(sql, row, params);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * Runs a query that may fail on bad input (such as invalid GeoJSON) inside a savepoint, so the
   * surrounding transaction survives; a failure reads as empty.
   */
  public <T> Optional<T> oneOrEmptyOnError(String sql, Row<T> row, Object... params) {
    return jdbc.execute(
        connection -> {
          var savepoint = connection.setSavepoint();
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
              Optional<T> result = rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
              connection.releaseSavepoint(savepoint);
              return result;
            }
          } catch (SQLException e) {
            connection.rollback(savepoint);
            return Optional.empty();
          }
        });
  }

  public boolean exists(String sql, Object... params) {
    return one(sql, rs -> Boolean.TRUE, params).isPresent();
  }

  public int update(String sql, Object... params) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          bind(statement, params);
          return statement.executeUpdate();
        });
  }

  /** One statement, many parameter rows, one round trip. */
  public int[] batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return new int[0];
    }
    return jdbc.prepareStatement(
        sql,
        statement -> {
          for (Object[] row : rows) {
            bind(statement, row);
            statement.addBatch();
          }
          return statement.executeBatch();
        });
  }

  private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p == null) {
        statement.setNull(index, Types.NULL);
      } else if (p instanceof Ewkt geometry) {
        statement.setString(index, geometry.toEwkt());
      } else if (p instanceof Instant instant) {
        statement.setTimestamp(index, Timestamp.from(instant));
      } else if (p instanceof LocalDate date) {
        statement.setObject(index, date);
      } else if (p instanceof Enum<?> e) {
        statement.setString(index, e.name());
      } else if (p instanceof Collection<?> values) {
        Array array =
            statement
                .getConnection()
                .createArrayOf(
                    "text",
                    values.stream().map(v -> v == null ? null : String.valueOf(v)).toArray());
        statement.setArray(index, array);
      } else {
        statement.setObject(index, p);
      }
    }
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  public static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  /** A geometry value that PostGIS reads from extended well-known text. */
  public interface Ewkt {
    /** Well-known text with SRID, e.g. {@code SRID=4326;POINT(18.07 59.33)}. */
    String toEwkt();
  }
}
