package se.saknad.alerts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.CaseAccess;
import se.saknad.common.AuditEndpoint;
import se.saknad.security.Caller;

@Controller("/api/v1/cases/{caseId}")
@Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
class AlertController {
  private final CaseAccess access;
  private final CapRendering cap;
  private final SearchAreaMap map;
  private final AuditTrail audit;
  private final CapFeed feed;

  AlertController(
      CaseAccess access, CapRendering cap, SearchAreaMap map, AuditTrail audit, CapFeed feed) {
    this.access = access;
    this.cap = cap;
    this.map = map;
    this.audit = audit;
    this.feed = feed;
  }

  @Get("/alerts/{alertId}/cap")
  @Produces("application/cap+xml")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES", "PARTNER"})
  HttpResponse<String> cap(
      UUID caseId, UUID alertId, Caller caller, @AuditEndpoint String endpoint) {
    if (caller.is(se.saknad.security.Role.PARTNER)) {
      // A partner system reads the alerts of the cases its recipient is in the audience of, and
      // the message names it as the one addressed.
      UUID child = feed.requireInAudience(caller, caseId);
      String document = cap.render(caseId, alertId, feed.name(caller));
      audit.record(caller, "CAP_READ", child, caseId, endpoint);
      return HttpResponse.ok(document);
    }
    // Only who may see the case may see its alert; the alert tells of the child, so it is an
    // audited read of its own (not a case read).
    CaseAccess.VisibleCase kase = access.require(caller, caseId);
    String document = cap.render(caseId, alertId);
    audit.record(caller, "CAP_READ", kase.childId(), caseId, endpoint);
    return HttpResponse.ok(document);
  }

  @Get("/area.geojson")
  @Produces("application/geo+json")
  HttpResponse<String> area(UUID caseId, Caller caller, @AuditEndpoint String endpoint) {
    CaseAccess.VisibleCase kase = access.require(caller, caseId);
    String features = map.featureCollection(caseId);
    audit.record(caller, "SEARCH_AREA_READ", kase.childId(), caseId, endpoint);
    return HttpResponse.ok(features);
  }
}
