package se.saknad.audit;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import java.util.List;
import java.util.UUID;
import se.saknad.common.AuditEndpoint;
import se.saknad.security.Caller;

@Controller("/api/v1/audit")
@Secured({"ADMIN", "COORDINATOR"})
class AuditController {
  private final AuditTrail trail;

  AuditController(AuditTrail trail) {
    this.trail = trail;
  }

  @Get
  List<AuditTrail.Event> forChild(
      @QueryValue UUID childId, Caller caller, @AuditEndpoint String endpoint) {
    return trail.readForChild(caller, childId, endpoint);
  }
}
