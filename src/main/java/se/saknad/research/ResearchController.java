package se.saknad.research;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.LocalDate;
import java.util.List;
import se.saknad.common.Endpoints;
import se.saknad.security.Caller;

@Controller("/api/v1/research")
class ResearchController {
  private final Research research;

  ResearchController(Research research) {
    this.research = research;
  }

  @Get("/debriefs")
  @Secured("RESEARCHER")
  List<ResearchRow> debriefs(Authentication auth, HttpRequest<?> request) {
    return research.debriefs(Caller.of(auth), Endpoints.of(request));
  }

  @Get("/debriefs.csv")
  @Produces("text/csv")
  @Secured("RESEARCHER")
  HttpResponse<String> csv(Authentication auth, HttpRequest<?> request) {
    return HttpResponse.ok(research.debriefsCsv(Caller.of(auth), Endpoints.of(request)))
        .header("Content-Disposition", "attachment; filename=\"saknad-debriefs.csv\"");
  }

  @Get("/statistics")
  @Secured({"RESEARCHER", "COORDINATOR"})
  Statistics statistics(
      @Nullable @QueryValue LocalDate from,
      @Nullable @QueryValue LocalDate to,
      Authentication auth,
      HttpRequest<?> request) {
    return research.statistics(Caller.of(auth), Endpoints.of(request), from, to);
  }
}
