package se.saknad.cases;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import se.saknad.cases.CaseApi.CaseView;
import se.saknad.geo.ReferenceGeography;
import se.saknad.pdf.AccessiblePdf;
import se.saknad.security.Caller;

/**
 * The search sheet as one A4 page of PDF/UA for everyone who may read the case: police forward it
 * to neighbouring forces and print it for patrols. The case is read (and the read audited) in its
 * own transaction; the map is drawn from the municipality borders geo holds, and the PDF is
 * rendered after both, on the request's thread of the bounded pool, holding no connection.
 */
@Singleton
class PrintedSearchSheets {
  private final Cases cases;
  private final ReferenceGeography geography;
  private final Clock clock;

  PrintedSearchSheets(Cases cases, ReferenceGeography geography, Clock clock) {
    this.cases = cases;
    this.geography = geography;
    this.clock = clock;
  }

  byte[] pdf(Caller caller, UUID caseId, String endpoint) {
    Cases.PrintedSheetFacts facts = cases.searchSheet(caller, caseId, endpoint);
    CaseView c = facts.view();
    Instant now = clock.instant();
    String html = SearchSheetDocument.html(c, facts.photo(), map(c), caller.username(), now);
    return AccessiblePdf.render(html, SearchSheetDocument.title(c), now, digest(html));
  }

  /**
   * The search area on a small map: the municipality borders around it in SWEREF 99 TM (metres,
   * true to scale in Sweden), moved so that the area's centre is the origin, the circle of the
   * search area and the point last seen. {@code ST_AsSVG} writes y downwards, as SVG wants it.
   */
  String map(CaseView c) {
    long radius = c.searchArea().radiusMeters();
    double half = Math.max(radius * 1.15, 2500);
    ReferenceGeography.LocalMap local =
        geography.localMap(c.searchArea().center(), half, c.lastSeenLocation());
    String alt =
        "Karta: sökområdet, en cirkel med "
            + Math.round(radius / 1000.0)
            + " km radie, med kommungränserna omkring och en prick där barnet senast sågs";
    StringBuilder svg =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"")
            .append(num(-half))
            .append(' ')
            .append(num(-half))
            .append(' ')
            .append(num(2 * half))
            .append(' ')
            .append(num(2 * half))
            .append("\" role=\"img\" alt=\"")
            .append(SearchSheetDocument.escape(alt))
            .append("\" aria-label=\"")
            .append(SearchSheetDocument.escape(alt))
            .append("\"><title>Sökområde</title>")
            .append("<rect x=\"")
            .append(num(-half))
            .append("\" y=\"")
            .append(num(-half))
            .append("\" width=\"")
            .append(num(2 * half))
            .append("\" height=\"")
            .append(num(2 * half))
            .append("\" fill=\"#f4f6f8\" stroke=\"#5b6470\" stroke-width=\"")
            .append(num(half / 150))
            .append("\"/>");
    for (String path : local.borders()) {
      svg.append("<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"#8a939e\" stroke-width=\"")
          .append(num(half / 200))
          .append("\"/>");
    }
    svg.append("<circle cx=\"0\" cy=\"0\" r=\"")
        .append(radius)
        .append("\" fill=\"#b3261e\" fill-opacity=\"0.10\" stroke=\"#b3261e\" stroke-width=\"")
        .append(num(half / 120))
        .append("\"/><circle cx=\"")
        .append(num(local.pointX()))
        .append("\" cy=\"")
        .append(num(local.pointY()))
        .append("\" r=\"")
        .append(num(half / 35))
        .append("\" fill=\"#b3261e\" stroke=\"#ffffff\" stroke-width=\"")
        .append(num(half / 150))
        .append("\"/>");
    return svg.append("</svg>").toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** The PDF's document id, from its content. */
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
