package se.saknad.concerns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.cases.CaseApi.DisappearanceReport;
import se.saknad.cases.Cases;
import se.saknad.common.AuditEndpoint;
import se.saknad.common.Idempotency;
import se.saknad.concerns.ConcernApi.AssessmentOutcome;
import se.saknad.concerns.ConcernApi.AssessmentRequest;
import se.saknad.concerns.ConcernApi.CloseOutcome;
import se.saknad.concerns.ConcernApi.CloseRequest;
import se.saknad.concerns.ConcernApi.ConcernView;
import se.saknad.concerns.ConcernApi.NewConcern;
import se.saknad.concerns.ConcernApi.OutcomeCode;
import se.saknad.concerns.ConcernApi.Outcomes;
import se.saknad.concerns.ConcernApi.Sign;
import se.saknad.concerns.ConcernApi.SignCode;
import se.saknad.concerns.ConcernApi.Status;
import se.saknad.security.Caller;

@Controller("/api/v1")
class ConcernController {
  private final Concerns concerns;
  private final Cases cases;
  private final Idempotency idempotency;

  ConcernController(Concerns concerns, Cases cases, Idempotency idempotency) {
    this.concerns = concerns;
    this.cases = cases;
    this.idempotency = idempotency;
  }

  @Get("/concerns/codes")
  @Secured({
    "ADMIN",
    "COORDINATOR",
    "HVB_STAFF",
    "POLICE",
    "SOCIAL_SERVICES",
    "RESEARCHER",
    "PARTNER"
  })
  List<SignCode> codes() {
    return Arrays.stream(Sign.values())
        .map(s -> new SignCode(s.name(), s.sv, s.exploitation))
        .toList();
  }

  @Get("/concerns/outcomes")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES", "RESEARCHER"})
  Outcomes outcomes() {
    return new Outcomes(
        Arrays.stream(AssessmentOutcome.values())
            .map(o -> new OutcomeCode(o.name(), o.sv))
            .toList(),
        Arrays.stream(CloseOutcome.values()).map(o -> new OutcomeCode(o.name(), o.sv)).toList());
  }

  @Post("/children/{id}/concerns")
  @Secured({"COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES"})
  HttpResponse<ConcernView> record(
      UUID id,
      @Valid @Body NewConcern body,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return HttpResponse.created(
        idempotency.once(
            key,
            caller.userId(),
            "concern " + id,
            body,
            () -> concerns.record(caller, id, body, endpoint),
            ConcernView::id,
            concern -> concerns.read(caller, concern, endpoint)));
  }

  @Get("/concerns")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  List<ConcernView> list(
      @Nullable @QueryValue Status status,
      @Nullable @QueryValue UUID childId,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return concerns.list(caller, status, childId, endpoint);
  }

  @Get("/concerns/{id}")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  ConcernView read(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return concerns.read(caller, id, endpoint);
  }

  @Post("/concerns/{id}/assessment")
  @Secured({"COORDINATOR", "SOCIAL_SERVICES"})
  ConcernView assess(
      UUID id, @Valid @Body AssessmentRequest body, Caller caller, @AuditEndpoint String endpoint) {
    return concerns.assess(caller, id, body, endpoint);
  }

  @Post("/concerns/{id}/disappearance")
  @Secured({"COORDINATOR", "HVB_STAFF"})
  HttpResponse<CaseView> reportMissing(
      UUID id,
      @Valid @Body DisappearanceReport body,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return HttpResponse.created(
        idempotency.once(
            key,
            caller.userId(),
            "concern report " + id,
            body,
            () -> concerns.reportMissing(caller, id, body, endpoint),
            CaseView::id,
            kase -> cases.read(caller, kase, endpoint)));
  }

  @Post("/concerns/{id}/close")
  @Secured({"COORDINATOR", "SOCIAL_SERVICES"})
  ConcernView close(
      UUID id, @Valid @Body CloseRequest body, Caller caller, @AuditEndpoint String endpoint) {
    return concerns.close(caller, id, body.outcome(), endpoint);
  }
}
