package se.saknad.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's charts as SVG written here, so that the PDF and the printable HTML draw the same
 * thing without a browser. Shapes only; text in the charts is escaped like all report text.
 */
final class SvgCharts {
  private static final String[] COLOURS = {"#12263f", "#b3261e", "#0b5cad", "#1e7b34", "#8a5a00"};
  private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "1 2"};
  private static final String FONT = "font-family=\"Liberation Sans\" font-size=\"11\"";

  private SvgCharts() {}

  /**
   * Kaplan-Meier curves of the share still missing against days since last seen; the first group's
   * 95 % band shaded.
   */
  static String survival(List<ReportData.SurvivalGroup> groups) {
    int width = 640;
    int height = 300;
    int left = 48;
    int right = 150;
    int top = 12;
    int bottom = 36;
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    double maxHours = 24;
    for (ReportData.SurvivalGroup g : groups) {
      for (KaplanMeier.Step s : g.curve().steps()) {
        maxHours = Math.max(maxHours, s.hours());
      }
    }
    int days = niceDays(Math.min(maxHours / 24.0, 60));
    double xMax = days * 24.0;
    StringBuilder alt =
        new StringBuilder(
            "Diagram: andel barn som fortfarande saknas, efter dagar sedan de senast sågs (Kaplan-Meier).");
    for (ReportData.SurvivalGroup g : groups) {
      alt.append(' ')
          .append(g.label())
          .append(": median ")
          .append(ReportDocument.hours(g.curve().medianHours()))
          .append('.');
    }
    alt.append(" Tabellen under diagrammet har samma siffror.");
    StringBuilder svg =
        open(width, height, "Andel barn som fortfarande saknas, efter dagar", alt.toString());
    // grid and axes
    for (int p = 0; p <= 100; p += 25) {
      double y = top + plotH * (1 - p / 100.0);
      svg.append(line(left, y, left + plotW, y, "#d5dae0"));
      svg.append(text(left - 6, y + 4, "end", p + " %"));
    }
    int stepDays = days <= 7 ? 1 : days <= 14 ? 2 : days <= 30 ? 5 : 10;
    for (int d = 0; d <= days; d += stepDays) {
      double x = left + plotW * d * 24.0 / xMax;
      svg.append(line(x, top + plotH, x, top + plotH + 4, "#5b6470"));
      svg.append(text(x, top + plotH + 16, "middle", String.valueOf(d)));
    }
    svg.append(text(left + plotW / 2, height - 4, "middle", "Dagar sedan barnet senast sågs"));
    svg.append(line(left, top, left, top + plotH, "#5b6470"));
    svg.append(line(left, top + plotH, left + plotW, top + plotH, "#5b6470"));
    for (int i = groups.size() - 1; i >= 0; i--) {
      ReportData.SurvivalGroup g = groups.get(i);
      String colour = COLOURS[i % COLOURS.length];
      if (i == 0) {
        svg.append("<path d=\"")
            .append(band(g.curve(), left, top, plotW, plotH, xMax))
            .append("\" fill=\"")
            .append(colour)
            .append("\" fill-opacity=\"0.12\" stroke=\"none\"/>");
      }
      svg.append("<path d=\"")
          .append(steps(g.curve(), left, top, plotW, plotH, xMax))
          .append("\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"")
          .append(i == 0 ? "2.2" : "1.6")
          .append('"');
      if (!DASHES[i % DASHES.length].isEmpty()) {
        svg.append(" stroke-dasharray=\"").append(DASHES[i % DASHES.length]).append('"');
      }
      svg.append("/>");
      double ly = top + 14 + i * 18;
      double lx = left + plotW + 12;
      svg.append("<line x1=\"")
          .append(num(lx))
          .append("\" y1=\"")
          .append(num(ly - 4))
          .append("\" x2=\"")
          .append(num(lx + 22))
          .append("\" y2=\"")
          .append(num(ly - 4))
          .append("\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"2\"");
      if (!DASHES[i % DASHES.length].isEmpty()) {
        svg.append(" stroke-dasharray=\"").append(DASHES[i % DASHES.length]).append('"');
      }
      svg.append("/>");
      svg.append(text(lx + 28, ly, "start", g.label()));
    }
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, one per category, with the published count at the end of each. */
  static String bars(Map<String, Long> values, Map<String, String> labels) {
    int width = 640;
    int row = 20;
    int left = 230;
    int height = Math.max(1, values.size()) * row + 8;
    long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
    StringBuilder alt = new StringBuilder("Stapeldiagram, antal per kategori:");
    values.forEach(
        (key, value) ->
            alt.append(' ')
                .append(labels.getOrDefault(key, key))
                .append(' ')
                .append(value)
                .append(';'));
    alt.append(" samma siffror som i tabellen under diagrammet.");
    StringBuilder svg = open(width, height, "Antal per kategori", alt.toString());
    int i = 0;
    for (Map.Entry<String, Long> e : values.entrySet()) {
      double y = 4 + i * row;
      double w = (width - left - 50) * (double) e.getValue() / max;
      svg.append(text(left - 8, y + 13, "end", labels.getOrDefault(e.getKey(), e.getKey())));
      svg.append("<rect x=\"")
          .append(left)
          .append("\" y=\"")
          .append(num(y + 2))
          .append("\" width=\"")
          .append(num(w))
          .append("\" height=\"")
          .append(row - 6)
          .append("\" fill=\"#0b5cad\"/>");
      svg.append(text(left + w + 6, y + 13, "start", String.valueOf(e.getValue())));
      i++;
    }
    return svg.append("</svg>").toString();
  }

  private static String steps(
      KaplanMeier.Curve curve, double left, double top, double w, double h, double xMax) {
    StringBuilder d = new StringBuilder("M").append(num(left)).append(' ').append(num(top));
    double last = 1.0;
    for (KaplanMeier.Step s : curve.steps()) {
      if (s.hours() > xMax) {
        break;
      }
      double x = left + w * s.hours() / xMax;
      d.append(" H").append(num(x));
      d.append(" V").append(num(top + h * (1 - s.stillMissing())));
      last = s.stillMissing();
    }
    d.append(" H").append(num(left + w));
    d.append(" V").append(num(top + h * (1 - last)));
    return d.toString();
  }

  private static String band(
      KaplanMeier.Curve curve, double left, double top, double w, double h, double xMax) {
    java.util.List<String> upper = new java.util.ArrayList<>();
    java.util.List<String> lower = new java.util.ArrayList<>();
    double up = 1.0;
    double low = 1.0;
    upper.add(num(left) + " " + num(top));
    lower.add(num(left) + " " + num(top));
    for (KaplanMeier.Step s : curve.steps()) {
      if (s.hours() > xMax) {
        break;
      }
      String x = num(left + w * s.hours() / xMax);
      upper.add(x + " " + num(top + h * (1 - up)));
      upper.add(x + " " + num(top + h * (1 - s.upper())));
      lower.add(x + " " + num(top + h * (1 - low)));
      lower.add(x + " " + num(top + h * (1 - s.lower())));
      up = s.upper();
      low = s.lower();
    }
    upper.add(num(left + w) + " " + num(top + h * (1 - up)));
    lower.add(num(left + w) + " " + num(top + h * (1 - low)));
    StringBuilder d = new StringBuilder("M").append(upper.get(0));
    for (int i = 1; i < upper.size(); i++) {
      d.append(" L").append(upper.get(i));
    }
    for (int i = lower.size() - 1; i >= 0; i--) {
      d.append(" L").append(lower.get(i));
    }
    return d.append(" Z").toString();
  }

  /**
   * The chart's root. {@code alt} is its text alternative: the PDF's Figure tag takes it (PDF/UA),
   * and it says the numbers, which the table beside each chart gives too.
   */
  private static StringBuilder open(int width, int height, String title, String alt) {
    return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" alt=\"")
        .append(ReportDocument.escape(alt))
        .append("\" aria-label=\"")
        .append(ReportDocument.escape(alt))
        .append("\"><title>")
        .append(ReportDocument.escape(title))
        .append("</title>");
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return "<line x1=\""
        + num(x1)
        + "\" y1=\""
        + num(y1)
        + "\" x2=\""
        + num(x2)
        + "\" y2=\""
        + num(y2)
        + "\" stroke=\""
        + colour
        + "\" stroke-width=\"1\"/>";
  }

  private static String text(double x, double y, String anchor, String text) {
    return "<text x=\""
        + num(x)
        + "\" y=\""
        + num(y)
        + "\" text-anchor=\""
        + anchor
        + "\" "
        + FONT
        + " fill=\"#1b1f24\">"
        + ReportDocument.escape(text)
        + "</text>";
  }

  private static int niceDays(double days) {
    for (int d : new int[] {2, 7, 14, 30, 60}) {
      if (days <= d) {
        return d;
      }
    }
    return 60;
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
