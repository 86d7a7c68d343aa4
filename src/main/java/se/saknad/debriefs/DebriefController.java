package se.saknad.debriefs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.saknad.common.AuditEndpoint;
import se.saknad.common.Idempotency;
import se.saknad.debriefs.DebriefApi.DebriefRequest;
import se.saknad.debriefs.DebriefApi.DebriefView;
import se.saknad.debriefs.DebriefApi.OverdueDebrief;
import se.saknad.security.Caller;

@Controller("/api/v1")
class DebriefController {
  private final Debriefs debriefs;
  private final CasesAwaitingDebrief awaiting;
  private final Idempotency idempotency;

  DebriefController(Debriefs debriefs, CasesAwaitingDebrief awaiting, Idempotency idempotency) {
    this.debriefs = debriefs;
    this.awaiting = awaiting;
    this.idempotency = idempotency;
  }

  @Post("/cases/{id}/debrief")
  @Secured({"HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"})
  HttpResponse<DebriefView> record(
      UUID id,
      @Valid @Body DebriefRequest request,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return HttpResponse.created(
        idempotency.once(
            key,
            caller.userId(),
            "debrief " + id,
            request,
            () -> debriefs.record(caller, id, request, false, endpoint),
            DebriefView::caseId,
            kase -> debriefs.read(caller, kase, endpoint)));
  }

  @Put("/cases/{id}/debrief")
  @Secured({"HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"})
  DebriefView correct(
      UUID id, @Valid @Body DebriefRequest request, Caller caller, @AuditEndpoint String endpoint) {
    return debriefs.record(caller, id, request, true, endpoint);
  }

  /** Debrief content: not for administrators (product brief, "Who may see what"). */
  @Get("/cases/{id}/debrief")
  @Secured({"HVB_STAFF", "SOCIAL_SERVICES", "COORDINATOR"})
  DebriefView read(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return debriefs.read(caller, id, endpoint);
  }

  @Get("/debriefs/overdue")
  @Secured({"COORDINATOR", "SOCIAL_SERVICES", "HVB_STAFF"})
  List<OverdueDebrief> overdue(Caller caller) {
    return awaiting.overdue(caller);
  }

  @Get("/debriefs/pending")
  @Secured({"COORDINATOR", "SOCIAL_SERVICES", "HVB_STAFF"})
  List<OverdueDebrief> pending(Caller caller) {
    return awaiting.pending(caller);
  }

  @Get("/debriefs/codes")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "SOCIAL_SERVICES", "RESEARCHER", "POLICE"})
  Map<String, List<DebriefCodes.Code>> codes() {
    return DebriefCodes.all();
  }
}
