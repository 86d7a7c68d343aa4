package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The search against every node of the lattice worked out by brute force. */
class GeneralisationLatticeTest {

  /** A subject with one value per quasi-identifier, generalised by cutting the value's digits. */
  private static KAnonymity.Subject subject(String child, int[] values, int[] levels, String code) {
    List<List<String>> keys = new ArrayList<>();
    for (int a = 0; a < values.length; a++) {
      List<String> perLevel = new ArrayList<>();
      for (int level = 0; level < levels[a]; level++) {
        // level l keeps the value divided by 2^l; the last level is one value for all
        perLevel.add(level == levels[a] - 1 ? "*" : String.valueOf(values[a] >> level));
      }
      keys.add(perLevel);
    }
    return new KAnonymity.Subject(child, keys, code == null ? Set.of() : Set.of(code));
  }

  /** Loss and unsafe rows of one node, as the documentation defines them. */
  private static double[] bruteForce(
      List<KAnonymity.Subject> subjects, int[] levelCounts, int[] node) {
    // Codes every child has are told by the table as a whole.
    Map<String, Set<String>> codesByChild = new HashMap<>();
    for (KAnonymity.Subject s : subjects) {
      codesByChild.computeIfAbsent(s.childKey(), c -> new HashSet<>()).addAll(s.sensitiveCodes());
    }
    Set<String> everyone = null;
    for (Set<String> codes : codesByChild.values()) {
      if (everyone == null) {
        everyone = new HashSet<>(codes);
      } else {
        everyone.retainAll(codes);
      }
    }
    Set<String> toldByTheTable = everyone == null ? Set.of() : everyone;
    Map<List<String>, List<Integer>> classes = new HashMap<>();
    for (int i = 0; i < subjects.size(); i++) {
      List<String> key = new ArrayList<>();
      for (int a = 0; a < node.length; a++) {
        key.add(subjects.get(i).keys().get(a).get(node[a]));
      }
      classes.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    int unsafe = 0;
    for (List<Integer> rows : classes.values()) {
      Set<String> children = new HashSet<>();
      Map<String, Set<String>> codesOfChild = new HashMap<>();
      for (int i : rows) {
        children.add(subjects.get(i).childKey());
        codesOfChild
            .computeIfAbsent(subjects.get(i).childKey(), c -> new HashSet<>())
            .addAll(subjects.get(i).sensitiveCodes());
      }
      Set<String> shared = null;
      for (Set<String> codes : codesOfChild.values()) {
        Set<String> disclosing = new HashSet<>(codes);
        disclosing.removeIf(
            c -> KAnonymity.NOT_DISCLOSING.contains(c.substring(c.indexOf(':') + 1)));
        if (shared == null) {
          shared = disclosing;
        } else {
          shared.retainAll(disclosing);
        }
      }
      if (children.size() < KAnonymity.K || !shared.isEmpty()) {
        unsafe += rows.size();
      }
    }
    double perRow = 0;
    for (int a = 0; a < node.length; a++) {
      perRow += (double) node[a] / (levelCounts[a] - 1);
    }
    int n = subjects.size();
    double loss = ((n - unsafe) * perRow + unsafe * node.length) / (n * node.length);
    return new double[] {loss, unsafe};
  }

  private static void everyNode(int[] levelCounts, int a, int[] node, List<int[]> into) {
    if (a == levelCounts.length) {
      into.add(node.clone());
      return;
    }
    for (int level = 0; level < levelCounts[a]; level++) {
      node[a] = level;
      everyNode(levelCounts, a + 1, node, into);
    }
  }

  @Test
  void theSearchFindsTheLeastLossOfTheWholeLattice() {
    int[] levelCounts = {4, 3, 2, 3};
    String[] codes = {
      "reasons:A", "reasons:B", "whereabouts:C", "exploitationIndicators:NONE_OBSERVED"
    };
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      List<KAnonymity.Subject> subjects = new ArrayList<>();
      int rows = 8 + random.nextInt(40);
      for (int i = 0; i < rows; i++) {
        // some children have two rows
        String child = "c" + (random.nextInt(10) < 8 ? i : random.nextInt(i + 1));
        int[] values = {random.nextInt(8), random.nextInt(4), random.nextInt(2), random.nextInt(4)};
        subjects.add(subject(child, values, levelCounts, codes[random.nextInt(codes.length)]));
      }
      double limit = 0.2 + random.nextInt(3) * 0.1;
      KAnonymity.Choice choice = KAnonymity.choose(subjects, levelCounts, KAnonymity.K, limit);
      int budget = (int) Math.floor(limit * rows);
      double bestLoss = Double.MAX_VALUE;
      List<int[]> nodes = new ArrayList<>();
      everyNode(levelCounts, 0, new int[levelCounts.length], nodes);
      for (int[] node : nodes) {
        double[] lossAndUnsafe = bruteForce(subjects, levelCounts, node);
        if (lossAndUnsafe[1] <= budget) {
          bestLoss = Math.min(bestLoss, lossAndUnsafe[0]);
        }
      }
      if (bestLoss == Double.MAX_VALUE) {
        assertEquals(rows, choice.rowsWithheld(), "seed " + seed + ": nothing is safe");
        continue;
      }
      assertEquals(bestLoss, choice.informationLoss(), 1e-9, "seed " + seed);
      double[] chosen = bruteForce(subjects, levelCounts, choice.levels());
      assertEquals(chosen[1], choice.rowsWithheld(), "seed " + seed);
      assertTrue(choice.rowsWithheld() <= budget, "seed " + seed);
    }
  }

  @Test
  void aClassInWhichEveryChildGaveTheSameReasonIsWithheld() {
    int[] levelCounts = {2};
    List<KAnonymity.Subject> subjects = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      subjects.add(subject("same" + i, new int[] {0}, levelCounts, "reasons:FEAR_OF_DEPORTATION"));
    }
    for (int i = 0; i < 3; i++) {
      subjects.add(subject("mixed" + i, new int[] {1}, levelCounts, "reasons:R" + i));
    }
    // Three children of value 0 all gave the same reason: their class tells it. Merging the two
    // classes (the only other choice) withholds nothing and costs everything.
    KAnonymity.Choice choice = KAnonymity.choose(subjects, levelCounts, KAnonymity.K, 0.5);
    assertArrayEquals(new int[] {0}, choice.levels());
    assertArrayEquals(new boolean[] {true, true, true, false, false, false}, choice.withheld());
    // "None observed" is the same for everyone without telling anything.
    List<KAnonymity.Subject> none = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      none.add(
          subject("n" + i, new int[] {0}, levelCounts, "exploitationIndicators:NONE_OBSERVED"));
    }
    assertEquals(0, KAnonymity.choose(none, levelCounts, KAnonymity.K, 0.5).rowsWithheld());
  }

  @Test
  void aCodeEveryChildSharesIsToldByTheTableAndMakesNoClassUnsafe() {
    int[] levelCounts = {2};
    List<KAnonymity.Subject> subjects = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      subjects.add(subject("c" + i, new int[] {i % 2}, levelCounts, "whereabouts:WITH_RELATIVES"));
    }
    KAnonymity.Choice choice = KAnonymity.choose(subjects, levelCounts, KAnonymity.K, 0.0);
    assertEquals(0, choice.rowsWithheld());
    assertArrayEquals(new int[] {0}, choice.levels());
  }

  @Test
  void aChildWithSeveralRowsCountsOnceInAClass() {
    int[] levelCounts = {2};
    List<KAnonymity.Subject> subjects = new ArrayList<>();
    for (int episode = 0; episode < 3; episode++) {
      subjects.add(subject("one child", new int[] {0}, levelCounts, "reasons:R" + episode));
    }
    subjects.add(subject("another", new int[] {0}, levelCounts, "reasons:X"));
    KAnonymity.Choice choice = KAnonymity.choose(subjects, levelCounts, KAnonymity.K, 1.0);
    assertEquals(4, choice.rowsWithheld(), "four rows but two children");
  }
}
