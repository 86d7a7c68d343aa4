package se.saknad.geo;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** A WGS84 position, latitude first as people say it. */
@Serdeable
public record GeoPoint(
    @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
    @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {

  /** Well-known text with SRID, for PostGIS. */
  public String toEwkt() {
    return "SRID=4326;POINT(" + lon + " " + lat + ")";
  }
}
