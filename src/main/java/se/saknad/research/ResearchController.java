package se.saknad.research;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import java.time.LocalDate;
import java.util.List;
import se.saknad.common.AuditEndpoint;
import se.saknad.security.Caller;

@Controller("/api/v1/research")
class ResearchController {
  private final Research research;

  ResearchController(Research research) {
    this.research = research;
  }

  @Get("/debriefs")
  @Secured("RESEARCHER")
  List<ResearchRow> debriefs(Caller caller, @AuditEndpoint String endpoint) {
    return research.debriefs(caller, endpoint);
  }

  @Get("/debriefs.csv")
  @Produces("text/csv")
  @Secured("RESEARCHER")
  HttpResponse<String> csv(Caller caller, @AuditEndpoint String endpoint) {
    return HttpResponse.ok(research.debriefsCsv(caller, endpoint))
        .header("Content-Disposition", "attachment; filename=\"saknad-debriefs.csv\"");
  }

  @Get("/statistics")
  @Secured({"RESEARCHER", "COORDINATOR"})
  Statistics statistics(
      @Nullable @QueryValue LocalDate from,
      @Nullable @QueryValue LocalDate to,
      Caller caller,
      @AuditEndpoint String endpoint) {
    return research.statistics(caller, endpoint, from, to);
  }
}
