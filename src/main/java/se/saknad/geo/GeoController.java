package se.saknad.geo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import se.saknad.common.ProblemException;

@Controller("/api/v1/geo")
@Secured(SecurityRule.IS_AUTHENTICATED)
class GeoController {
  private final ReferenceGeography geography;

  GeoController(ReferenceGeography geography) {
    this.geography = geography;
  }

  @Get("/locate")
  Place locate(@Nullable @QueryValue Double lat, @Nullable @QueryValue Double lon) {
    if (lat == null || lat < -90 || lat > 90) {
      throw ProblemException.badRequest("lat", "a latitude between -90 and 90 is required");
    }
    if (lon == null || lon < -180 || lon > 180) {
      throw ProblemException.badRequest("lon", "a longitude between -180 and 180 is required");
    }
    return geography.requireInSweden(new GeoPoint(lat, lon), "lat,lon");
  }

  @Get("/municipalities")
  List<Municipality> municipalities() {
    return geography.municipalities();
  }
}
