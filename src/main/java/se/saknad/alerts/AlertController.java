package se.saknad.alerts;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import se.saknad.cases.Cases;
import se.saknad.common.Endpoints;
import se.saknad.security.Caller;

@Controller("/api/v1/cases/{caseId}")
@Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
class AlertController {
  private final Cases cases;
  private final CapRendering cap;
  private final SearchAreaMap map;

  AlertController(Cases cases, CapRendering cap, SearchAreaMap map) {
    this.cases = cases;
    this.cap = cap;
    this.map = map;
  }

  @Get("/alerts/{alertId}/cap")
  @Produces("application/cap+xml")
  HttpResponse<String> cap(UUID caseId, UUID alertId, Authentication auth, HttpRequest<?> request) {
    // Reading the case checks access and writes the audit row.
    cases.read(Caller.of(auth), caseId, Endpoints.of(request));
    return HttpResponse.ok(cap.render(caseId, alertId));
  }

  @Get("/area.geojson")
  @Produces("application/geo+json")
  HttpResponse<String> area(UUID caseId, Authentication auth, HttpRequest<?> request) {
    cases.read(Caller.of(auth), caseId, Endpoints.of(request));
    return HttpResponse.ok(map.featureCollection(caseId));
  }
}
