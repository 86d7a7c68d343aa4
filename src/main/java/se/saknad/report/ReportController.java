package se.saknad.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import se.saknad.common.Endpoints;
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
      Authentication auth,
      HttpRequest<?> request) {
    Caller caller = Caller.of(auth);
    String accept = request.getHeaders().get(HttpHeaders.ACCEPT, String.class).orElse("");
    int html = accept.indexOf(MediaType.TEXT_HTML);
    int pdf = accept.indexOf("application/pdf");
    if (html >= 0 && (pdf < 0 || html < pdf)) {
      return HttpResponse.ok(report.html(caller, from, to, Endpoints.of(request)))
          .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=UTF-8");
    }
    byte[] bytes = report.pdf(caller, from, to, Endpoints.of(request));
    return HttpResponse.ok(bytes)
        .contentType("application/pdf")
        .header(
            "Content-Disposition",
            "inline; filename=\"saknad-rapport-" + from + "-" + to + ".pdf\"");
  }

  /** The Kaplan-Meier curves of the period, for the research page. */
  @Get("/survival")
  @Secured({"RESEARCHER", "COORDINATOR"})
  List<ReportData.SurvivalGroup> survival(
      @Nullable @QueryValue LocalDate from,
      @Nullable @QueryValue LocalDate to,
      Authentication auth,
      HttpRequest<?> request) {
    return report.survival(Caller.of(auth), from, to, Endpoints.of(request));
  }

  @Get("/quotes")
  @Secured({"RESEARCHER"})
  List<Quotes.Quote> quotes(Authentication auth, HttpRequest<?> request) {
    return quotes.list(Caller.of(auth), Endpoints.of(request));
  }

  @Post("/quotes/{id}/approval")
  @Secured({"RESEARCHER"})
  Quotes.Quote approve(UUID id, Authentication auth, HttpRequest<?> request) {
    return quotes.approve(Caller.of(auth), id, Endpoints.of(request));
  }

  @Delete("/quotes/{id}/approval")
  @Secured({"RESEARCHER"})
  Quotes.Quote withdraw(UUID id, Authentication auth, HttpRequest<?> request) {
    return quotes.withdraw(Caller.of(auth), id, Endpoints.of(request));
  }
}
