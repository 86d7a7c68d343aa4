package se.saknad.sms;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import se.saknad.common.Endpoints;
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
  AcknowledgingOnTheWeb.Result acknowledge(UUID id, Authentication auth, HttpRequest<?> request) {
    return acknowledging.acknowledge(Caller.of(auth), id, Endpoints.of(request));
  }
}
