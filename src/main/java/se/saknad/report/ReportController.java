package se.saknad.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.saknad.common.AuditEndpoint;
import se.saknad.security.Caller;

@Controller("/api/v1/research")
class ReportController {
  private final OmbudsmanReport report;
  private final Quotes quotes;

  ReportController(OmbudsmanReport report, Quotes quotes) {
    this.report = report;
    this.quotes = quotes;
  }

  /** PDF unless the client asks for HTML first. */
  @Get("/report")
  @Produces({"application/pdf", MediaType.TEXT_HTML})
  @Secured({"RESEARCHER", "COORDINATOR"})
  HttpResponse<?> report(
      @Nullable @QueryValue LocalDate from,
      @Nullable @QueryValue LocalDate to,
      @Nullable @Header(HttpHeaders.ACCEPT) String acceptHeader,
      Caller caller,
      @AuditEndpoint String endpoint) {
    String accept = acceptHeader == null ? "" : acceptHeader;
    int html = accept.indexOf(MediaType.TEXT_HTML);
    int pdf = accept.indexOf("application/pdf");
    if (html >= 0 && (pdf < 0 || html < pdf)) {
      return HttpResponse.ok(report.html(caller, from, to, endpoint))
          .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=UTF-8");
    }
    byte[] bytes = report.pdf(caller, from, to, endpoint);
    return HttpResponse.ok(bytes)
        .contentType("application/pdf")
        .header(
            "Content-Disposition",
            "inline; filename=\"saknad-rapport-" + from + "-" + to + ".pdf\"");
  }

  /**
   * The Kaplan-Meier curves of the period, for the research page: the report's, with the times
   * coarsened to {@code width} hours (6, 12, 24, 48 or 168; a day when not given).
   */
  @Get("/survival")
  @Secured({"RESEARCHER", "COORDINATOR"})
  List<ReportData.SurvivalGroup> survival(
      @Nullable @QueryValue LocalDate from,
      @Nullable @QueryValue LocalDate to,
      @Nullable @QueryValue Integer width,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return report.survival(
        caller, from, to, width == null ? RoundedSurvival.DEFAULT_WIDTH : width, endpoint);
  }

  @Get("/quotes")
  @Secured({"RESEARCHER"})
  List<Quotes.Quote> quotes(Caller caller, @AuditEndpoint String endpoint) {
    return quotes.list(caller, endpoint);
  }

  @Post("/quotes/{id}/approval")
  @Secured({"RESEARCHER"})
  Quotes.Quote approve(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return quotes.approve(caller, id, endpoint);
  }

  @Delete("/quotes/{id}/approval")
  @Secured({"RESEARCHER"})
  Quotes.Quote withdraw(UUID id, Caller caller, @AuditEndpoint String endpoint) {
    return quotes.withdraw(caller, id, endpoint);
  }
}
