package se.saknad.research;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark harness, not a test: how long the lattice search takes for a registry of a given size
 * (made-up rows with the demo's mix). Run with {@code bin/test -Dgroups=benchmark
 * -Dexcluded.groups=none -Dtest=GeneralisationSearchBenchmark}; results go to standard output and
 * target/benchmarks/generalisation.txt.
 */
@Tag("benchmark")
class GeneralisationSearchBenchmark {
  private static final String[] NATIONALITIES = {
    "AF", "AF", "AF", "AF", "SO", "SO", "MA", "MA", "ER", "SY", "DZ", "IQ", "VN", "MN"
  };
  private static final String[] LANGUAGES = {"prs", "ps", "so", "ar", "ti", "sv", "vi"};
  private static final String[] MUNICIPALITIES = {"0138", "0180", "1280", "1480", "0380", "2584"};
  private static final String[] REASONS = {
    "FEAR_OF_DEPORTATION",
    "AGE_ASSESSMENT",
    "ASYLUM_DECISION",
    "CONFLICT_AT_HOME",
    "TO_REACH_RELATIVES",
    "FRIENDS_OR_PARTNER",
    "WORK_OR_MONEY"
  };

  private static final String[] WHEREABOUTS = {
    "WITH_RELATIVES", "WITH_FRIENDS_OWN_AGE", "WITH_UNKNOWN_ADULTS", "ANOTHER_MUNICIPALITY"
  };

  static List<RowFacts> rows(int n, long seed) {
    Random random = new Random(seed);
    List<RowFacts> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String municipality = MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)];
      rows.add(
          new RowFacts(
              "child" + (random.nextInt(4) == 0 ? random.nextInt(i + 1) : i),
              1 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0),
              municipality,
              municipality.substring(0, 2),
              (2025 + random.nextInt(2)) + "-Q" + (1 + random.nextInt(4)),
              13 + random.nextInt(5),
              NATIONALITIES[random.nextInt(NATIONALITIES.length)],
              random.nextInt(5) == 0 ? "FEMALE" : "MALE",
              LANGUAGES[random.nextInt(LANGUAGES.length)],
              random.nextBoolean(),
              2 + random.nextDouble() * 500,
              new String[] {"HIGH", "ELEVATED", "STANDARD"}[random.nextInt(3)],
              random.nextInt(10) == 0 ? "DECLINED" : "HELD",
              random.nextBoolean() ? "SOCIAL_WORKER" : "INDEPENDENT_INTERVIEWER",
              random.nextBoolean(),
              random.nextInt(5) > 0,
              List.of(REASONS[random.nextInt(REASONS.length)]),
              List.of(WHEREABOUTS[random.nextInt(WHEREABOUTS.length)]),
              List.of("NONE_OBSERVED"),
              false,
              null,
              null));
    }
    return rows;
  }

  @Test
  void searchTimes() throws Exception {
    int[] levelCounts = new int[QuasiIdentifier.values().length];
    for (QuasiIdentifier q : QuasiIdentifier.values()) {
      levelCounts[q.ordinal()] = q.levelCount();
    }
    StringBuilder report = new StringBuilder();
    for (int n : new int[] {40, 200, 1000, 3000, 10000}) {
      List<KAnonymity.Subject> subjects =
          rows(n, n).stream().map(PseudonymisedRows::subject).toList();
      KAnonymity.choose(subjects, levelCounts); // warm up
      long started = System.nanoTime();
      KAnonymity.Choice choice = KAnonymity.choose(subjects, levelCounts);
      long ms = (System.nanoTime() - started) / 1_000_000;
      report.append(
          String.format(
              Locale.ROOT,
              "%6d rows: %5d ms, %d withheld, loss %.3f%n",
              n,
              ms,
              choice.rowsWithheld(),
              choice.informationLoss()));
    }
    Path out = Path.of("target/benchmarks/generalisation.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println(report);
  }
}
