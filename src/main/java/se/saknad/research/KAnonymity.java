package se.saknad.research;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses how far to generalise research rows, the way ARX and sdcMicro do it: global recoding
 * first (one level of its hierarchy per quasi-identifier, the same for every row), then local
 * suppression within a budget (the rows of classes that are still unsafe are withheld, at most
 * {@link #SUPPRESSION_LIMIT} of them). Of every combination of levels (the generalisation lattice)
 * it takes the one with the least information loss.
 *
 * <p>A class (rows with the same published quasi-identifiers) is safe when it holds at least {@link
 * #K} distinct children and none of its sensitive codes is shared by every child in it: a class in
 * which every child gave the same reason, stayed in the same kind of place or showed the same sign
 * of exploitation tells that answer about each of them (homogeneity; l-diversity for the codes that
 * tell something, so not "none observed" or "declined to say", nor a code every child of the table
 * shares, which the table as a whole tells anyway).
 *
 * <p>Information loss is Sweeney's precision: each published value costs its level divided by the
 * height of its hierarchy, a withheld row costs as much as one with everything suppressed; the loss
 * is the mean over all rows and quasi-identifiers (0 is the data as it is, 1 nothing published).
 *
 * <p>The search walks the lattice depth first, one quasi-identifier after another. With the
 * quasi-identifiers not yet chosen left suppressed, the classes are the coarsest any completion can
 * have, so they bound every completion from below: unsafe rows only grow and loss only grows as
 * levels get finer. A branch whose bound already withholds more than the budget, or loses more than
 * the best combination found, is not walked. The result is exact, not a heuristic.
 */
final class KAnonymity {
  static final int K = 3;
  static final String SUPPRESSED = "*";

  /** The largest share of rows that may be withheld. */
  static final double SUPPRESSION_LIMIT = 0.3;

  /** Codes that tell nothing about a child even when everyone in a class gave them. */
  static final Set<String> NOT_DISCLOSING = Set.of("NONE_OBSERVED", "DECLINED_TO_SAY");

  /**
   * One row: its child, the class key of each quasi-identifier at each of its levels, and its
   * sensitive codes (as "field:code").
   */
  record Subject(String childKey, List<List<String>> keys, Set<String> sensitiveCodes) {}

  /** The levels chosen, which rows are withheld, and the information loss. */
  record Choice(int[] levels, boolean[] withheld, int rowsWithheld, double informationLoss) {}

  private KAnonymity() {}

  /**
   * The least-loss levels that leave at most {@code floor(limit * rows)} rows unsafe; when no
   * combination does, everything suppressed and every row withheld.
   */
  static Choice choose(List<Subject> subjects, int[] levelCounts, int k, double limit) {
    Lattice lattice = new Lattice(subjects, levelCounts, k, limit);
    return lattice.search();
  }

  static Choice choose(List<Subject> subjects, int[] levelCounts) {
    return choose(subjects, levelCounts, K, SUPPRESSION_LIMIT);
  }

  private static final class Lattice {
    final int n;
    final int q;
    final int[] levelCounts;
    final int k;
    final int budget;

    /** codes[a][level][row]: the dense class code of a row for quasi-identifier a at a level. */
    final int[][][] codes;

    final int[][] codeCounts;

    /** The rows of each child. */
    final int[][] rowsOfChild;

    /** The disclosing sensitive codes of each row as bits. */
    final long[] masks;

    /** A level's cost in units: level * unit / (height of its hierarchy). */
    final int[][] cost;

    final int unitsPerRow;

    int[] best;
    long bestLoss = Long.MAX_VALUE;
    int bestWithheld = Integer.MAX_VALUE;

    Lattice(List<Subject> subjects, int[] levelCounts, int k, double limit) {
      this.n = subjects.size();
      this.q = levelCounts.length;
      this.levelCounts = levelCounts.clone();
      this.k = k;
      this.budget = (int) Math.floor(limit * n);
      int unit = 1;
      for (int count : levelCounts) {
        unit = lcm(unit, count - 1);
      }
      cost = new int[q][];
      int perRow = 0;
      for (int a = 0; a < q; a++) {
        cost[a] = new int[levelCounts[a]];
        for (int level = 0; level < levelCounts[a]; level++) {
          cost[a][level] = level * (unit / (levelCounts[a] - 1));
        }
        perRow += unit;
      }
      unitsPerRow = perRow;
      codes = new int[q][][];
      codeCounts = new int[q][];
      for (int a = 0; a < q; a++) {
        codes[a] = new int[levelCounts[a]][n];
        codeCounts[a] = new int[levelCounts[a]];
        for (int level = 0; level < levelCounts[a]; level++) {
          Map<String, Integer> dense = new HashMap<>();
          for (int i = 0; i < n; i++) {
            String key = subjects.get(i).keys().get(a).get(level);
            codes[a][level][i] = dense.computeIfAbsent(key, x -> dense.size());
          }
          codeCounts[a][level] = dense.size();
        }
      }
      Map<String, List<Integer>> byChild = new LinkedHashMap<>();
      Map<String, Integer> bits = new HashMap<>();
      masks = new long[n];
      for (int i = 0; i < n; i++) {
        byChild.computeIfAbsent(subjects.get(i).childKey(), c -> new ArrayList<>()).add(i);
        for (String code : subjects.get(i).sensitiveCodes()) {
          if (NOT_DISCLOSING.contains(code.substring(code.indexOf(':') + 1))) {
            continue;
          }
          int bit = bits.computeIfAbsent(code, c -> bits.size());
          if (bit >= Long.SIZE) {
            throw new IllegalStateException("more than 64 sensitive codes");
          }
          masks[i] |= 1L << bit;
        }
      }
      rowsOfChild =
          byChild.values().stream()
              .map(rows -> rows.stream().mapToInt(Integer::intValue).toArray())
              .toArray(int[][]::new);
      // A code every child of the table has tells nothing about one of them that the table (and
      // the statistics) do not tell about all: it cannot make a class homogeneous.
      long everyone = -1L;
      for (int[] rows : rowsOfChild) {
        long codes = 0;
        for (int row : rows) {
          codes |= masks[row];
        }
        everyone &= codes;
      }
      for (int i = 0; i < n; i++) {
        masks[i] &= ~everyone;
      }
    }

    Choice search() {
      int[] top = new int[q];
      for (int a = 0; a < q; a++) {
        top[a] = levelCounts[a] - 1;
      }
      if (n == 0) {
        return new Choice(top, new boolean[0], 0, 0.0);
      }
      int[] levels = new int[q];
      walk(0, new int[n], 1, 0, levels);
      if (best == null) {
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return new Choice(top, all, n, 1.0);
      }
      boolean[] withheld = unsafeRows(classesOf(best));
      int count = 0;
      for (boolean w : withheld) {
        count += w ? 1 : 0;
      }
      return new Choice(
          best.clone(), withheld, count, (double) bestLoss / ((long) n * unitsPerRow));
    }

    /**
     * Chooses the level of quasi-identifier {@code a}, coarsest first, given the classes of those
     * before it; {@code units} is the cost per published row so far.
     */
    private void walk(int a, int[] classOf, int classes, int units, int[] levels) {
      for (int level = levelCounts[a] - 1; level >= 0; level--) {
        levels[a] = level;
        int[] refined = classOf;
        int refinedClasses = classes;
        if (level < levelCounts[a] - 1 && codeCounts[a][level] > 1) {
          refined = new int[n];
          refinedClasses = refine(classOf, codes[a][level], refined);
        }
        int spent = units + cost[a][level];
        // The rest suppressed: no completion has fewer unsafe rows or less loss.
        int withheld = unsafeCount(refined, refinedClasses);
        if (withheld > budget) {
          continue;
        }
        long bound = loss(spent, withheld);
        if (bound > bestLoss || (bound == bestLoss && withheld >= bestWithheld)) {
          continue;
        }
        if (a == q - 1) {
          best = levels.clone();
          bestLoss = bound;
          bestWithheld = withheld;
        } else {
          walk(a + 1, refined, refinedClasses, spent, levels);
        }
      }
    }

    /**
     * Loss in units: each published row costs what its levels cost, each withheld row a whole row.
     * Quasi-identifiers not yet chosen count as free, the least they can cost.
     */
    private long loss(int unitsOfChosen, int withheld) {
      return (long) (n - withheld) * unitsOfChosen + (long) withheld * unitsPerRow;
    }

    /** Dense ids by (class, code) for the common case of few classes times codes: no boxing. */
    private static final int SLOTS = 1 << 20;

    private int[] slotIds;
    private int[] slotStamps;
    private int stamp;

    private int refine(int[] classOf, int[] code, int[] into) {
      int codes = 0;
      for (int c : code) {
        codes = Math.max(codes, c + 1);
      }
      int classes = 0;
      for (int c : classOf) {
        classes = Math.max(classes, c + 1);
      }
      if ((long) classes * codes <= SLOTS) {
        if (slotIds == null) {
          slotIds = new int[SLOTS];
          slotStamps = new int[SLOTS];
        }
        stamp++;
        int next = 0;
        for (int i = 0; i < n; i++) {
          int slot = classOf[i] * codes + code[i];
          if (slotStamps[slot] != stamp) {
            slotStamps[slot] = stamp;
            slotIds[slot] = next++;
          }
          into[i] = slotIds[slot];
        }
        return next;
      }
      Map<Long, Integer> dense = new HashMap<>();
      for (int i = 0; i < n; i++) {
        long key = ((long) classOf[i] << 32) | code[i];
        Integer id = dense.get(key);
        if (id == null) {
          id = dense.size();
          dense.put(key, id);
        }
        into[i] = id;
      }
      return dense.size();
    }

    private int[] classesOf(int[] levels) {
      int[] classOf = new int[n];
      for (int a = 0; a < q; a++) {
        if (levels[a] < levelCounts[a] - 1 && codeCounts[a][levels[a]] > 1) {
          int[] refined = new int[n];
          refine(classOf, codes[a][levels[a]], refined);
          classOf = refined;
        }
      }
      return classOf;
    }

    private int unsafeCount(int[] classOf, int classes) {
      boolean[] unsafe = unsafeClasses(classOf, classes);
      int count = 0;
      for (int i = 0; i < n; i++) {
        count += unsafe[classOf[i]] ? 1 : 0;
      }
      return count;
    }

    private boolean[] unsafeRows(int[] classOf) {
      int classes = 0;
      for (int c : classOf) {
        classes = Math.max(classes, c + 1);
      }
      boolean[] unsafe = unsafeClasses(classOf, classes);
      boolean[] rows = new boolean[n];
      for (int i = 0; i < n; i++) {
        rows[i] = unsafe[classOf[i]];
      }
      return rows;
    }

    /** Classes with fewer than k children, or with a disclosing code every child in it has. */
    private boolean[] unsafeClasses(int[] classOf, int classes) {
      int[] children = new int[classes];
      long[] shared = new long[classes];
      Arrays.fill(shared, -1L);
      for (int[] rows : rowsOfChild) {
        if (rows.length == 1) {
          int c = classOf[rows[0]];
          children[c]++;
          shared[c] &= masks[rows[0]];
          continue;
        }
        // A child with several rows: counted once per class, with all its codes in that class.
        for (int j = 0; j < rows.length; j++) {
          int c = classOf[rows[j]];
          boolean seen = false;
          for (int m = 0; m < j && !seen; m++) {
            seen = classOf[rows[m]] == c;
          }
          if (seen) {
            continue;
          }
          long codes = 0;
          for (int m = j; m < rows.length; m++) {
            if (classOf[rows[m]] == c) {
              codes |= masks[rows[m]];
            }
          }
          children[c]++;
          shared[c] &= codes;
        }
      }
      boolean[] unsafe = new boolean[classes];
      for (int c = 0; c < classes; c++) {
        unsafe[c] = children[c] < k || shared[c] != 0;
      }
      return unsafe;
    }
  }

  private static int lcm(int a, int b) {
    return a / gcd(a, b) * b;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
