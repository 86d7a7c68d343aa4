package se.saknad.cases;

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
import java.util.List;
import java.util.UUID;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.cases.CaseApi.DisappearanceReport;
import se.saknad.cases.CaseApi.ReturnReport;
import se.saknad.cases.CaseApi.SightingReport;
import se.saknad.cases.CaseApi.SightingView;
import se.saknad.cases.CaseApi.Status;
import se.saknad.cases.CaseApi.StatusChange;
import se.saknad.common.AuditEndpoint;
import se.saknad.common.Idempotency;
import se.saknad.common.Pages;
import se.saknad.security.Caller;

@Controller("/api/v1")
class CaseController {
  private final Cases cases;
  private final Idempotency idempotency;
  private final PoliceReferences policeReferences;
  private final PrintedSearchSheets sheets;
  private final WithdrawingReport withdrawing;

  CaseController(
      Cases cases,
      Idempotency idempotency,
      PoliceReferences policeReferences,
      PrintedSearchSheets sheets,
      WithdrawingReport withdrawing) {
    this.withdrawing = withdrawing;
    this.cases = cases;
    this.idempotency = idempotency;
    this.policeReferences = policeReferences;
    this.sheets = sheets;
  }

  /** The risk questions a report may answer, each with the grade a yes raises it to. */
  @Get("/cases/risk-questions")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  List<RiskQuestions.QuestionView> riskQuestions() {
    return cases.riskQuestions();
  }

  /** The police's own case number and SIS alert; every reader of the case sees it. */
  @io.micronaut.http.annotation.Put("/cases/{id}/police-reference")
  @Secured({"COORDINATOR", "POLICE"})
  CaseApi.PoliceReference policeReference(
      UUID id,
      @Valid @Body CaseApi.PoliceReferenceRequest request,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return policeReferences.set(caller, id, request, endpoint);
  }

  @Post("/children/{childId}/disappearances")
  @Secured({"HVB_STAFF", "COORDINATOR"})
  HttpResponse<CaseView> report(
      UUID childId,
      @Valid @Body DisappearanceReport report,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return HttpResponse.created(
        idempotency.once(
            key,
            caller.userId(),
            "report " + childId,
            report,
            () -> cases.report(caller, childId, report, endpoint),
            CaseView::id,
            id -> cases.read(caller, id, endpoint)));
  }

  @Get("/cases/{id}")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  CaseView read(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return cases.read(caller, id, endpoint);
  }

  /** The newest photo of the case's child; never cached, anywhere. */
  @Get("/cases/{id}/photo")
  @io.micronaut.http.annotation.Produces(io.micronaut.http.MediaType.IMAGE_JPEG)
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  HttpResponse<byte[]> photo(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return se.saknad.children.ChildPhotos.answer(cases.photo(caller, id, endpoint));
  }

  /**
   * The search sheet to print or forward: one A4 page, PDF/UA, with what the caller may see of the
   * case. Never cached (it names a child).
   */
  @Get("/cases/{id}/search-sheet.pdf")
  @io.micronaut.http.annotation.Produces("application/pdf")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  HttpResponse<byte[]> searchSheet(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return HttpResponse.ok(sheets.pdf(caller, id, endpoint))
        .contentType("application/pdf")
        .header("Content-Disposition", "inline; filename=\"sokblad.pdf\"")
        .header("Cache-Control", "no-store");
  }

  /**
   * The list is a JSON array as before; when more cases follow, a {@code Link} header with {@code
   * rel="next"} names the next page.
   */
  @Get("/cases")
  @Secured({"ADMIN", "COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  HttpResponse<List<CaseView>> list(
      @Nullable @QueryValue Status status,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String after,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return Pages.answer(
        cases.list(caller, status, limit, after, endpoint), "/api/v1/cases", "status", status);
  }

  @Post("/cases/{id}/sightings")
  @Secured({"COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  HttpResponse<SightingView> sighting(
      UUID id,
      @Valid @Body SightingReport report,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return HttpResponse.created(
        idempotency.once(
            key,
            caller.userId(),
            "sighting " + id,
            report,
            () -> cases.addSighting(caller, id, report, endpoint),
            SightingView::id,
            sighting ->
                cases.read(caller, id, endpoint).sightings().stream()
                    .filter(s -> s.id().equals(sighting))
                    .findFirst()
                    .orElseThrow()));
  }

  @Post("/cases/{id}/return")
  @Secured({"COORDINATOR", "HVB_STAFF", "POLICE", "SOCIAL_SERVICES"})
  CaseView recordReturn(
      UUID id,
      @Valid @Body ReturnReport report,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return idempotency.once(
        key,
        caller.userId(),
        "return " + id,
        report,
        () -> cases.recordReturn(caller, id, report, endpoint),
        CaseView::id,
        kase -> cases.read(caller, kase, endpoint));
  }

  /** A report sent by mistake: the case is withdrawn and everyone told hears so. */
  @Post("/cases/{id}/withdrawal")
  @Secured({"COORDINATOR", "HVB_STAFF"})
  CaseView withdraw(
      UUID id,
      @Valid @Body CaseApi.Withdrawal withdrawal,
      Caller caller,
      @AuditEndpoint String endpoint,
      @Nullable @Header(Idempotency.HEADER) String key) {
    return idempotency.once(
        key,
        caller.userId(),
        "withdrawal " + id,
        withdrawal,
        () -> withdrawing.withdraw(caller, id, withdrawal, endpoint),
        CaseView::id,
        kase -> cases.read(caller, kase, endpoint));
  }

  @Post("/cases/{id}/status")
  @Secured({"COORDINATOR"})
  CaseView changeStatus(
      UUID id, @Valid @Body StatusChange change, Caller caller, @AuditEndpoint String endpoint) {
    return cases.changeStatus(caller, id, change, endpoint);
  }
}
