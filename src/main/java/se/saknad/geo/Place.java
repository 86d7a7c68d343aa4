package se.saknad.geo;

import io.micronaut.serde.annotation.Serdeable;

/** Where a point lies in Sweden's administrative geography. */
@Serdeable
public record Place(Area municipality, Area county, Area policeRegion) {
  @Serdeable
  public record Area(String code, String name) {}
}
