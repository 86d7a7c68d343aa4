package se.saknad.geo;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import java.util.Map;
import se.saknad.common.ProblemException;

@Controller("/api/v1/geo")
@Secured(SecurityRule.IS_AUTHENTICATED)
class GeoController {
  private final ReferenceGeography geography;

  private final String tileUrl;
  private final String tileAttribution;

  GeoController(
      ReferenceGeography geography,
      @Value("${saknad.map.tile-url:}") String tileUrl,
      @Value("${saknad.map.tile-attribution:}") String tileAttribution) {
    this.geography = geography;
    this.tileUrl = tileUrl;
    this.tileAttribution = tileAttribution;
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

  @Get("/municipalities.geojson")
  @Produces("application/geo+json")
  HttpResponse<String> municipalityBorders() {
    return HttpResponse.ok(geography.municipalityBorders())
        .header("Cache-Control", "private, max-age=86400");
  }

  @Get("/areas")
  Map<String, List<Place.Area>> areas() {
    return geography.areas();
  }

  /** How the web pages draw maps: the service's own borders, and tiles only where configured. */
  @Get("/map-settings")
  Map<String, String> mapSettings() {
    return tileUrl.isBlank()
        ? Map.of()
        : Map.of("tileUrl", tileUrl, "tileAttribution", tileAttribution);
  }
}
