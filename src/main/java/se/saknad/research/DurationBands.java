package se.saknad.research;

/**
 * How long a child was missing, as research publishes it: in the bands researchers use (under 24
 * hours, 1–3 days, 3–7 days, 1–4 weeks, over 4 weeks), or wider ones, never the hours themselves.
 */
final class DurationBands {
  static final String UNKNOWN = "unknown";

  private DurationBands() {}

  static String of(Double hours) {
    if (hours == null) {
      return UNKNOWN;
    }
    return hours < 24
        ? "0-24h"
        : hours < 72 ? "1-3d" : hours < 168 ? "3-7d" : hours < 672 ? "1-4w" : "4w+";
  }

  /** Under a day, within a week, longer. */
  static String wide(Double hours) {
    if (hours == null) {
      return UNKNOWN;
    }
    return hours < 24 ? "0-24h" : hours < 168 ? "1-7d" : "7d+";
  }
}
