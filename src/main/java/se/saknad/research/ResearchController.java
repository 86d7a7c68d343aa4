package se.saknad.research;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
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
  Map<String, Object> statistics(Authentication auth, HttpRequest<?> request) {
    return research.statistics(Caller.of(auth), Endpoints.of(request));
  }
}
