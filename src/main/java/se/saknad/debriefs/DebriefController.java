package se.saknad.debriefs;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.saknad.common.Endpoints;
import se.saknad.debriefs.DebriefApi.DebriefRequest;
import se.saknad.debriefs.DebriefApi.DebriefView;
import se.saknad.debriefs.DebriefApi.OverdueDebrief;
import se.saknad.security.Caller;

@Controller("/api/v1")
class DebriefController {
  private final Debriefs debriefs;

  DebriefController(Debriefs debriefs) {
    this.debriefs = debriefs;
  }

  @Post("/cases/{id}/debrief")
  @Secured({"HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"})
  HttpResponse<DebriefView> record(
      UUID id, @Valid @Body DebriefRequest request, Authentication auth, HttpRequest<?> http) {
    return HttpResponse.created(
        debriefs.record(Caller.of(auth), id, request, false, Endpoints.of(http)));
  }

  @Put("/cases/{id}/debrief")
  @Secured({"HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"})
  DebriefView correct(
      UUID id, @Valid @Body DebriefRequest request, Authentication auth, HttpRequest<?> http) {
    return debriefs.record(Caller.of(auth), id, request, true, Endpoints.of(http));
  }

  /** Debrief content: not for administrators (product brief, "Who may see what"). */
  @Get("/cases/{id}/debrief")
  @Secured({"HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"})
  DebriefView read(UUID id, Authentication auth, HttpRequest<?> http) {
    return debriefs.read(Caller.of(auth), id, Endpoints.of(http));
  }

  @Get("/debriefs/overdue")
  @Secured({"COORDINATOR", "SOCIAL_SERVICES", "HVB_STAFF"})
  List<OverdueDebrief> overdue(Authentication auth) {
    return debriefs.overdue(Caller.of(auth));
  }

  @Get("/debriefs/pending")
  @Secured({"COORDINATOR", "SOCIAL_SERVICES", "HVB_STAFF"})
  List<OverdueDebrief> pending(Authentication auth) {
    return debriefs.pending(Caller.of(auth));
  }

  @Get("/debriefs/codes")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES", "RESEARCHER", "POLICE"})
  Map<String, List<DebriefCodes.Code>> codes() {
    return DebriefCodes.all();
  }
}
