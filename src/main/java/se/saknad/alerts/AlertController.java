package se.saknad.alerts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;
import se.saknad.cases.CaseAccess;
import se.saknad.security.Caller;

@Controller("/api/v1/cases/{caseId}")
@Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
class AlertController {
  private final CaseAccess access;
  private final CapRendering cap;
  private final SearchAreaMap map;

  AlertController(CaseAccess access, CapRendering cap, SearchAreaMap map) {
    this.access = access;
    this.cap = cap;
    this.map = map;
  }

  @Get("/alerts/{alertId}/cap")
  @Produces("application/cap+xml")
  HttpResponse<String> cap(UUID caseId, UUID alertId, Caller caller) {
    // The alert is not the case: only who may see the case may see it, and no case read is audited.
    access.require(caller, caseId);
    return HttpResponse.ok(cap.render(caseId, alertId));
  }

  @Get("/area.geojson")
  @Produces("application/geo+json")
  HttpResponse<String> area(UUID caseId, Caller caller) {
    access.require(caller, caseId);
    return HttpResponse.ok(map.featureCollection(caseId));
  }
}
