package se.saknad.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Kaplan-Meier estimate of the share of children still missing after t hours, with Greenwood's
 * variance and the log-log (Kalbfleisch-Prentice) 95 % interval, which stays within 0..1. The
 * median time to return is the first time the estimate reaches 0.5 or below; its interval is read
 * off the pointwise band (Brookmeyer-Crowley): from the first time the lower limit reaches 0.5 to
 * the first time the upper limit does. A bound that is never reached is null ("not reached").
 */
final class KaplanMeier {
  static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);

  private KaplanMeier() {}

  /** One case: hours from last seen to return, or to the end of the period when still missing. */
  record Observation(double hours, boolean returned) {}

  /** The estimate just after {@code hours}: at risk before, returned at that time, the share. */
  @Serdeable
  record Step(
      double hours, int atRisk, int returned, double stillMissing, double lower, double upper) {}

  @Serdeable
  record Curve(
      int cases,
      int returned,
      List<Step> steps,
      @Nullable Double medianHours,
      @Nullable Double medianLowerHours,
      @Nullable Double medianUpperHours) {}

  /** One time of a life table: how many were at risk just before it and how many returned. */
  record Interval(double hours, int atRisk, int returned) {}

  /** The estimate from the observations themselves (exact times and counts). */
  static Curve estimate(List<Observation> observations) {
    List<Observation> sorted = new ArrayList<>(observations);
    sorted.sort(Comparator.comparingDouble(Observation::hours));
    int atRisk = sorted.size();
    int returnedTotal = (int) sorted.stream().filter(Observation::returned).count();
    List<Interval> table = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      double t = sorted.get(i).hours();
      int events = 0;
      int leaving = 0;
      while (i < sorted.size() && sorted.get(i).hours() == t) {
        if (sorted.get(i).returned()) {
          events++;
        }
        leaving++;
        i++;
      }
      table.add(new Interval(t, atRisk, events));
      atRisk -= leaving;
    }
    return fromTable(sorted.size(), returnedTotal, table);
  }

  /**
   * The estimate from a life table: the product of (1 - returned / at risk) over the times with a
   * return, Greenwood's variance from the same counts.
   */
  static Curve fromTable(int cases, int returnedTotal, List<Interval> table) {
    double survival = 1.0;
    double greenwood = 0.0;
    List<Step> steps = new ArrayList<>();
    Double median = null;
    Double lowerMedian = null;
    Double upperMedian = null;
    for (Interval interval : table) {
      int events = interval.returned();
      int atRisk = interval.atRisk();
      if (events <= 0 || atRisk <= 0) {
        continue;
      }
      double t = interval.hours();
      survival *= 1.0 - (double) events / atRisk;
      greenwood +=
          atRisk == events
              ? Double.POSITIVE_INFINITY
              : (double) events / ((double) atRisk * (atRisk - events));
      double lower;
      double upper;
      if (survival <= 0.0) {
        lower = 0.0;
        upper = 0.0;
      } else if (survival >= 1.0 || Double.isInfinite(greenwood)) {
        lower = survival;
        upper = survival;
      } else {
        double se = Math.sqrt(greenwood) / Math.abs(Math.log(survival));
        lower = Math.pow(survival, Math.exp(Z95 * se));
        upper = Math.pow(survival, Math.exp(-Z95 * se));
      }
      steps.add(new Step(t, atRisk, events, survival, lower, upper));
      if (median == null && survival <= 0.5) {
        median = t;
      }
      if (lowerMedian == null && lower <= 0.5) {
        lowerMedian = t;
      }
      if (upperMedian == null && upper <= 0.5) {
        upperMedian = t;
      }
    }
    return new Curve(cases, returnedTotal, steps, median, lowerMedian, upperMedian);
  }
}
