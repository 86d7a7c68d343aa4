package se.saknad.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.saknad.report.KaplanMeier.Observation;

class KaplanMeierTest {
  /**
   * The 6-MP arm of Freireich et al. (1963), the textbook example: weeks in remission, + censored.
   * Its estimate is printed in every survival analysis textbook.
   */
  private static final String SIX_MP =
      "6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+";

  private static List<Observation> parse(String data) {
    List<Observation> all = new ArrayList<>();
    for (String t : data.split(" ")) {
      boolean censored = t.endsWith("+");
      all.add(new Observation(Double.parseDouble(t.replace("+", "")), !censored));
    }
    return all;
  }

  @Test
  void theTextbookEstimateAndMedianOfTheSixMpArm() {
    KaplanMeier.Curve curve = KaplanMeier.estimate(parse(SIX_MP));
    assertEquals(21, curve.cases());
    assertEquals(9, curve.returned());
    double[][] expected = {
      {6, 0.857}, {7, 0.807}, {10, 0.753}, {13, 0.690}, {16, 0.627}, {22, 0.538}, {23, 0.448}
    };
    assertEquals(expected.length, curve.steps().size());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i][0], curve.steps().get(i).hours());
      assertEquals(expected[i][1], curve.steps().get(i).stillMissing(), 0.0005);
    }
    assertEquals(21, curve.steps().get(0).atRisk());
    assertEquals(3, curve.steps().get(0).returned());
    assertEquals(23.0, curve.medianHours());
    // Greenwood at 6 weeks: 3/(21*18); the log-log limits from that variance.
    KaplanMeier.Step first = curve.steps().get(0);
    double se = Math.sqrt(3.0 / (21 * 18)) / Math.abs(Math.log(first.stillMissing()));
    assertEquals(Math.pow(first.stillMissing(), Math.exp(1.959964 * se)), first.lower(), 1e-6);
    assertEquals(Math.pow(first.stillMissing(), Math.exp(-1.959964 * se)), first.upper(), 1e-6);
    assertEquals(0.620, first.lower(), 0.001);
    assertEquals(0.952, first.upper(), 0.001);
    // The lower limit never reaches one half during follow-up: the median has no upper limit.
    assertNull(curve.medianUpperHours());
    assertEquals(13.0, curve.medianLowerHours());
  }

  @Test
  void withoutCensoringEveryoneReturnsAndTheMedianIsTheMiddleTime() {
    KaplanMeier.Curve curve = KaplanMeier.estimate(parse("1 2 3 4 5"));
    assertEquals(
        List.of(0.8, 0.6, 0.4, 0.2, 0.0),
        curve.steps().stream().map(s -> Math.round(s.stillMissing() * 10) / 10.0).toList());
    assertEquals(3.0, curve.medianHours());
  }

  @Test
  void nobodyBackMeansNoMedian() {
    KaplanMeier.Curve curve = KaplanMeier.estimate(parse("5+ 8+ 13+"));
    assertEquals(List.of(), curve.steps());
    assertNull(curve.medianHours());
  }
}
