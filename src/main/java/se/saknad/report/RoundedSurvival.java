package se.saknad.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A Kaplan-Meier curve that tells no child's time to return, by the disclosure rules trusted
 * research environments use (OpenSAFELY's Kaplan-Meier action): times are coarsened to whole
 * intervals of a width the researcher picks from {@link #WIDTHS} (a day by default); the cumulative
 * counts of returns and of censorings are rounded down to a multiple of {@link #MINIMUM_COUNT}
 * before anything is computed, so that every step carries at least that many returns (returns are
 * delayed until that many have happened); the number at risk is the published (rounded) number of
 * cases less the rounded counts before the step; the curve and its confidence interval are computed
 * from these rounded counts only. Every published count is therefore 0 or a multiple of 5, and the
 * answer depends on a duration only through its interval.
 *
 * <p>All widths are multiples of the smallest (6 hours) and start at 0, so asking with two widths
 * tells nothing finer than the smaller of them.
 */
final class RoundedSurvival {
  static final int MINIMUM_COUNT = 5;
  static final List<Integer> WIDTHS = List.of(6, 12, 24, 48, 168);
  static final int DEFAULT_WIDTH = 24;

  private RoundedSurvival() {}

  /**
   * The curve of these observations; {@code publishedCases} is the group's size as the statistics
   * publish it (controlled rounding to 5), {@code widthHours} one of {@link #WIDTHS}.
   */
  static KaplanMeier.Curve curve(
      List<KaplanMeier.Observation> observations, long publishedCases, int widthHours) {
    if (!WIDTHS.contains(widthHours)) {
      throw new IllegalArgumentException("width " + widthHours);
    }
    // Returns and censorings per interval; a time in (k-1)w, kw] is placed at its end, kw.
    TreeMap<Long, int[]> perInterval = new TreeMap<>();
    for (KaplanMeier.Observation o : observations) {
      long interval = Math.max(1, (long) Math.ceil(o.hours() / widthHours));
      perInterval.computeIfAbsent(interval, i -> new int[2])[o.returned() ? 0 : 1]++;
    }
    List<KaplanMeier.Interval> table = new ArrayList<>();
    int returned = 0;
    int censored = 0;
    int roundedReturned = 0;
    int roundedCensored = 0;
    for (var entry : perInterval.entrySet()) {
      returned += entry.getValue()[0];
      censored += entry.getValue()[1];
      int nowReturned = roundDown(returned);
      int step = nowReturned - roundedReturned;
      // Never below the step: the rounded counts never exceed the rounded cases, but say so.
      int atRisk = Math.max(step, (int) publishedCases - roundedReturned - roundedCensored);
      if (step > 0) {
        table.add(new KaplanMeier.Interval((double) entry.getKey() * widthHours, atRisk, step));
      }
      roundedReturned = nowReturned;
      roundedCensored = roundDown(censored);
    }
    return KaplanMeier.fromTable((int) publishedCases, roundedReturned, table);
  }

  private static int roundDown(int cumulative) {
    return cumulative - cumulative % MINIMUM_COUNT;
  }
}
