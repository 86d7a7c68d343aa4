package se.saknad.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import se.saknad.report.KaplanMeier.Observation;

class RoundedSurvivalTest {
  /** 39 children back after 3 to 240 hours, one still missing at 300 hours. */
  private static List<Observation> children(double target) {
    Random random = new Random(7);
    List<Observation> all = new ArrayList<>();
    for (int i = 0; i < 39; i++) {
      all.add(new Observation(3 + random.nextDouble() * 237, true));
    }
    all.add(new Observation(300, false));
    if (target > 0) {
      all.add(new Observation(target, true));
    }
    return all;
  }

  @Test
  void everyPublishedCountIsZeroOrAMultipleOfFiveAndEveryStepCarriesAtLeastFive() {
    for (int width : RoundedSurvival.WIDTHS) {
      KaplanMeier.Curve curve = RoundedSurvival.curve(children(157.3), 40, width);
      assertEquals(40, curve.cases());
      assertEquals(0, curve.returned() % 5);
      assertTrue(curve.steps().size() >= 2, "steps at width " + width);
      for (KaplanMeier.Step s : curve.steps()) {
        assertEquals(0, s.atRisk() % 5, "at risk " + s);
        assertTrue(s.returned() >= RoundedSurvival.MINIMUM_COUNT, "returned " + s);
        assertEquals(0, s.returned() % 5, "returned " + s);
        assertEquals(0, s.hours() % width, 1e-9, "time " + s);
      }
    }
  }

  @Test
  void theCurveDependsOnADurationOnlyThroughItsInterval() {
    // 157.3 hours lies in the day (144, 168]: anywhere in it gives the same answer.
    KaplanMeier.Curve at = RoundedSurvival.curve(children(157.3), 40, 24);
    assertEquals(at, RoundedSurvival.curve(children(144.01), 40, 24));
    assertEquals(at, RoundedSurvival.curve(children(168.0), 40, 24));
    // At the narrowest width, (156, 162]: six hours.
    KaplanMeier.Curve narrow = RoundedSurvival.curve(children(157.3), 40, 6);
    assertEquals(narrow, RoundedSurvival.curve(children(156.01), 40, 6));
    assertEquals(narrow, RoundedSurvival.curve(children(162.0), 40, 6));
    assertEquals(6, RoundedSurvival.WIDTHS.stream().mapToInt(Integer::intValue).min().orElse(0));
  }

  @Test
  void theRoundedCurveStaysCloseToTheExactOne() {
    List<Observation> all = children(157.3);
    KaplanMeier.Curve exact = KaplanMeier.estimate(all);
    KaplanMeier.Curve rounded = RoundedSurvival.curve(all, 40, 24);
    // Returns are delayed until five have happened: the rounded median is at most a few days later.
    double shift = rounded.medianHours() - exact.medianHours();
    assertTrue(shift >= 0 && shift <= 72, "median " + exact.medianHours() + " -> " + rounded);
    assertNotEquals(exact.steps().size(), rounded.steps().size());
  }

  @Test
  void onlyTheWidthsOfTheSetAreAccepted() {
    assertThrows(IllegalArgumentException.class, () -> RoundedSurvival.curve(children(0), 40, 5));
  }
}
