package se.saknad.report;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import se.saknad.security.Caller;

/**
 * The Children's Ombudsman's report for a period: the published statistics (research's disclosure
 * control for every count), Kaplan-Meier curves of the time to return, and the approved quotes,
 * laid out as printable HTML or rendered to PDF. Reading it is audited.
 */
@Singleton
public class OmbudsmanReport {
  private final ReportFigures figures;

  OmbudsmanReport(ReportFigures figures) {
    this.figures = figures;
  }

  public String html(Caller caller, LocalDate from, LocalDate to, String endpoint) {
    return ReportDocument.html(figures.gather(caller, from, to, endpoint, true));
  }

  /** Rendered after the figures' transaction: a PDF takes seconds, a connection is not held. */
  public byte[] pdf(Caller caller, LocalDate from, LocalDate to, String endpoint) {
    String html = ReportDocument.html(figures.gather(caller, from, to, endpoint, true));
    return se.saknad.pdf.AccessiblePdf.render(
        html, ReportDocument.TITLE + ", " + from + " – " + to, end(to), digest(html));
  }

  /** The Kaplan-Meier curves of a period, as on the research page. */
  List<ReportData.SurvivalGroup> survival(
      Caller caller, LocalDate from, LocalDate to, int widthHours, String endpoint) {
    return figures.gather(caller, from, to, endpoint, false, widthHours).survival();
  }

  /** The end of the period's last day: the report's date, which is the data's own. */
  static Instant end(LocalDate to) {
    return se.saknad.common.Sweden.startOf(to.plusDays(1));
  }

  /** The PDF's document id: from its content, so the same report has the same id. */
  private static byte[] digest(String html) {
    try {
      byte[] full =
          MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8));
      return java.util.Arrays.copyOf(full, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
