package se.saknad.geo;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.sql.ResultSet;
import java.sql.SQLException;
import se.saknad.common.Db;

/** A WGS84 position, latitude first as people say it. */
@Serdeable
public record GeoPoint(
    @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
    @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon)
    implements Db.Ewkt {

  /** Well-known text with SRID, for PostGIS. */
  @Override
  public String toEwkt() {
    return "SRID=4326;POINT(" + lon + " " + lat + ")";
  }

  /**
   * Reads a point selected as {@code ST_Y(x::geometry) AS <prefix>_lat, ST_X(...) AS <prefix>_lon};
   * null when the column is null.
   */
  public static GeoPoint read(ResultSet rs, String prefix) throws SQLException {
    double lat = rs.getDouble(prefix + "_lat");
    if (rs.wasNull()) {
      return null;
    }
    return new GeoPoint(lat, rs.getDouble(prefix + "_lon"));
  }
}
