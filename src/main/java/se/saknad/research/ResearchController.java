package se.saknad.research;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
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

  /** How many rows were withheld and which levels were used, on the rows' own answer. */
  static final String ROWS_WITHHELD = "Saknad-Rows-Withheld";

  static final String GENERALISATION = "Saknad-Generalisation";

  @Get("/debriefs")
  @Secured("RESEARCHER")
  HttpResponse<List<ResearchRow>> debriefs(Caller caller, @AuditEndpoint String endpoint) {
    Research.Rows rows = research.debriefs(caller, endpoint);
    return described(HttpResponse.ok(rows.rows()), rows.protection());
  }

  @Get("/debriefs.csv")
  @Produces("text/csv")
  @Secured("RESEARCHER")
  HttpResponse<String> csv(Caller caller, @AuditEndpoint String endpoint) {
    Research.Csv csv = research.debriefsCsv(caller, endpoint);
    return described(HttpResponse.ok(csv.text()), csv.protection())
        .header("Content-Disposition", "attachment; filename=\"saknad-debriefs.csv\"")
        .header("Link", "<" + CODE_BOOK + ">; rel=\"describedby\"");
  }

  static final String CODE_BOOK = "/api/v1/research/debriefs/codebook";

  /**
   * The same rows as a workbook that Swedish Excel opens as it is (codes stay text, nothing splits
   * on the wrong separator), with the code book and how the rows were protected as sheets of their
   * own. The CSV stays as it was for the scripts that read it.
   */
  @Get("/debriefs.xlsx")
  @Produces(Spreadsheets.MEDIA_TYPE)
  @Secured("RESEARCHER")
  HttpResponse<byte[]> xlsx(Caller caller, @AuditEndpoint String endpoint) {
    Research.Workbook workbook = research.debriefsXlsx(caller, endpoint);
    return described(HttpResponse.ok(workbook.xlsx()), workbook.protection())
        .header("Content-Disposition", "attachment; filename=\"saknad-aterkomstsamtal.xlsx\"");
  }

  /** What each column of the rows (CSV, spreadsheet, JSON) and each of its codes means. */
  @Get("/debriefs/codebook")
  @Secured("RESEARCHER")
  CodeBooks.CodeBook codeBook(Caller caller, @AuditEndpoint String endpoint) {
    return research.codeBook(caller, endpoint);
  }

  /** How the rows were protected: k, the levels chosen, rows published and withheld. */
  @Get("/debriefs/protection")
  @Secured("RESEARCHER")
  RowProtection protection(Caller caller, @AuditEndpoint String endpoint) {
    return research.debriefs(caller, endpoint).protection();
  }

  private static <T> MutableHttpResponse<T> described(
      MutableHttpResponse<T> answer, RowProtection protection) {
    return answer
        .header(ROWS_WITHHELD, String.valueOf(protection.rowsWithheld()))
        .header(
            GENERALISATION,
            protection.generalisation().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(";")));
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
