package se.saknad.acknowledgements;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;
import se.saknad.common.AuditEndpoint;
import se.saknad.security.Caller;

@Controller("/api/v1/cases")
class WebAcknowledgementController {
  private final AcknowledgingOnTheWeb acknowledging;

  WebAcknowledgementController(AcknowledgingOnTheWeb acknowledging) {
    this.acknowledging = acknowledging;
  }

  /** The roles that receive alerts; whether this user's recipient was alerted is checked after. */
  @Post("/{id}/acknowledgement")
  @Secured({"POLICE", "SOCIAL_SERVICES"})
  AcknowledgingOnTheWeb.Result acknowledge(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return acknowledging.acknowledge(caller, id, endpoint);
  }
}
