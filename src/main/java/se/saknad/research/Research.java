package se.saknad.research;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import se.saknad.audit.AuditTrail;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

/**
 * Pseudonymised debriefs and honest statistics for the Children's Ombudsman. Counts of children are
 * distinct children, never reports. Published counts are protected by controlled rounding ({@link
 * ControlledRounding}, in {@link ComputingStatistics}); rows are k-anonymous over every published
 * field an outsider could know ({@link KAnonymity}, in {@link PseudonymisedRows}), the children's
 * words redacted ({@link Redactions}). Every read is audited.
 *
 * <p>Research is national by design and applies no case scope ({@code cases.CaseAccess}):
 * researchers may see no case at all, only these pseudonymised rows and the rounded statistics of
 * every case, and coordinators, who may also read the statistics, see every case anyway (product
 * brief, "Who may see what").
 */
@Singleton
@Transactional
public class Research {

  private final PseudonymisedRows rows;
  private final AuditTrail audit;
  private final ComputingStatistics statistics;

  private final CodeBooks codeBooks;

  Research(
      PseudonymisedRows rows,
      AuditTrail audit,
      ComputingStatistics statistics,
      CodeBooks codeBooks) {
    this.rows = rows;
    this.audit = audit;
    this.statistics = statistics;
    this.codeBooks = codeBooks;
  }

  /** What each column and code of the published rows means. */
  CodeBooks.CodeBook codeBook(Caller caller, String endpoint) {
    audit.record(caller, "RESEARCH_DEBRIEFS_READ", null, null, endpoint);
    return codeBooks.of(rows.all().rows());
  }

  /** The rows as a workbook for Excel, with the code book and how they were protected. */
  record Workbook(byte[] xlsx, RowProtection protection) {}

  Workbook debriefsXlsx(Caller caller, String endpoint) {
    audit.record(caller, "RESEARCH_DEBRIEFS_EXPORTED", null, null, endpoint);
    PseudonymisedRows.Publication publication = rows.all();
    List<List<Object>> data = new ArrayList<>();
    data.add(List.copyOf(ResearchRow.CSV_HEADER));
    publication.rows().forEach(r -> data.add(r.csvValues()));
    List<List<Object>> book = new ArrayList<>();
    book.add(
        List.of(
            "Kolumn",
            "Vad kolumnen innehåller",
            "Kod",
            "Vad koden betyder",
            "Column (English)",
            "Code (English)"));
    for (CodeBooks.Column column : codeBooks.of(publication.rows()).columns()) {
      book.add(Arrays.asList(column.name(), column.sv(), null, null, column.en(), null));
      for (CodeBooks.Value value : column.values()) {
        book.add(Arrays.asList(column.name(), null, value.code(), value.sv(), null, value.en()));
      }
    }
    RowProtection protection = publication.protection();
    List<List<Object>> about = new ArrayList<>();
    about.add(List.of("Uppgift", "Värde"));
    about.add(List.of("Publicerade rader", protection.rowsPublished()));
    about.add(List.of("Undanhållna rader (gick inte att skydda)", protection.rowsWithheld()));
    about.add(List.of("Minst så många barn delar varje kombination (k)", protection.k()));
    about.add(
        List.of(
            "Generalisering (samma för alla rader)",
            protection.generalisation().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(";"))));
    about.add(List.of("Skydd (engelska)", protection.note()));
    byte[] xlsx =
        Spreadsheets.workbook(
            List.of(
                new Spreadsheets.Sheet("Återkomstsamtal", data),
                new Spreadsheets.Sheet("Kodbok", book),
                new Spreadsheets.Sheet("Om uttaget", about)));
    return new Workbook(xlsx, protection);
  }

  /** The published rows and how they were protected. */
  public record Rows(List<ResearchRow> rows, RowProtection protection) {}

  public Rows debriefs(Caller caller, String endpoint) {
    audit.record(caller, "RESEARCH_DEBRIEFS_READ", null, null, endpoint);
    PseudonymisedRows.Publication publication = rows.all();
    return new Rows(publication.rows(), publication.protection());
  }

  /** The rows as CSV, and how they were protected. */
  public record Csv(String text, RowProtection protection) {}

  public Csv debriefsCsv(Caller caller, String endpoint) {
    audit.record(caller, "RESEARCH_DEBRIEFS_EXPORTED", null, null, endpoint);
    PseudonymisedRows.Publication publication = rows.all();
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        CSVFormat.RFC4180
            .builder()
            .setHeader(ResearchRow.CSV_HEADER.toArray(String[]::new))
            .get()
            .print(out)) {
      for (ResearchRow row : publication.rows()) {
        csv.printRecord(row.csvValues().stream().map(Research::inertInSpreadsheets).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Csv(out.toString(), publication.protection());
  }

  /**
   * OWASP's rule against CSV injection: a text cell that a spreadsheet would read as a formula (it
   * begins with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, which
   * spreadsheets show as text. Numbers and booleans are written as they are.
   */
  static Object inertInSpreadsheets(Object value) {
    if (value instanceof String text
        && !text.isEmpty()
        && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return value;
  }

  /** Statistics of the cases whose child was last seen within the period (days inclusive). */
  public Statistics statistics(Caller caller, String endpoint, LocalDate from, LocalDate to) {
    if (from != null && to != null && to.isBefore(from)) {
      throw ProblemException.invalid("to", "lies before from");
    }
    audit.record(caller, "RESEARCH_STATISTICS_READ", null, null, endpoint);
    return statistics.of(from, to);
  }
}
