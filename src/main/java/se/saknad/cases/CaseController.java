package se.saknad.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.cases.CaseApi.DisappearanceReport;
import se.saknad.cases.CaseApi.ReturnReport;
import se.saknad.cases.CaseApi.SightingReport;
import se.saknad.cases.CaseApi.SightingView;
import se.saknad.cases.CaseApi.Status;
import se.saknad.cases.CaseApi.StatusChange;
import se.saknad.common.Endpoints;
import se.saknad.security.Caller;

@Controller("/api/v1")
class CaseController {
  private final Cases cases;

  CaseController(Cases cases) {
    this.cases = cases;
  }

  @Post("/children/{childId}/disappearances")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  HttpResponse<CaseView> report(
      UUID childId,
      @Valid @Body DisappearanceReport report,
      Authentication auth,
      HttpRequest<?> request) {
    return HttpResponse.created(
        cases.report(Caller.of(auth), childId, report, Endpoints.of(request)));
  }

  @Get("/cases/{id}")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  CaseView read(UUID id, Authentication auth, HttpRequest<?> request) {
    return cases.read(Caller.of(auth), id, Endpoints.of(request));
  }

  /** The newest photo of the case's child; never cached, anywhere. */
  @Get("/cases/{id}/photo")
  @io.micronaut.http.annotation.Produces(io.micronaut.http.MediaType.IMAGE_JPEG)
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  HttpResponse<byte[]> photo(UUID id, Authentication auth, HttpRequest<?> request) {
    return se.saknad.children.ChildPhotos.answer(
        cases.photo(Caller.of(auth), id, Endpoints.of(request)));
  }

  @Get("/cases")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  List<CaseView> list(
      @Nullable @QueryValue Status status, Authentication auth, HttpRequest<?> request) {
    return cases.list(Caller.of(auth), status, Endpoints.of(request));
  }

  @Post("/cases/{id}/sightings")
  @Secured({"COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  HttpResponse<SightingView> sighting(
      UUID id, @Valid @Body SightingReport report, Authentication auth, HttpRequest<?> request) {
    return HttpResponse.created(
        cases.addSighting(Caller.of(auth), id, report, Endpoints.of(request)));
  }

  @Post("/cases/{id}/return")
  @Secured({"COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  CaseView recordReturn(
      UUID id, @Valid @Body ReturnReport report, Authentication auth, HttpRequest<?> request) {
    return cases.recordReturn(Caller.of(auth), id, report, Endpoints.of(request));
  }

  @Post("/cases/{id}/status")
  @Secured({"COORDINATOR"})
  CaseView changeStatus(
      UUID id, @Valid @Body StatusChange change, Authentication auth, HttpRequest<?> request) {
    return cases.changeStatus(Caller.of(auth), id, change, Endpoints.of(request));
  }
}
