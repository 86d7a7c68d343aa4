package se.saknad.research;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Disclosure control of published counts: controlled rounding to base 5. A total is rounded to the
 * nearest multiple of 5. The cells of a table are each rounded to one of the two multiples of 5
 * next to them (a multiple of 5 stays as it is), chosen so that the rounded cells add up to the
 * rounded total: those with the largest remainders go up. A published 0 thus stands for 0–4 and a
 * published 5 for 1–9, so no count of 1 or 2 can be seen, and since the published table adds up,
 * subtracting published cells from the published total tells nothing a cell does not. Rounding is
 * deterministic: asking again gives the same answer, so repeated questions cannot average it away.
 * Cells that round to 0 are left out (a listed 0 would tell that the category exists).
 */
final class ControlledRounding {
  static final int BASE = 5;

  private ControlledRounding() {}

  /** A count on its own, to the nearest multiple of the base. */
  static long total(long count) {
    long rest = count % BASE;
    return rest * 2 < BASE ? count - rest : count + BASE - rest;
  }

  /** Cells that add up to a total, rounded to add up to {@code total(sum of the cells)}. */
  static Map<String, Long> table(Map<String, Long> cells) {
    long sum = cells.values().stream().mapToLong(Long::longValue).sum();
    return table(cells, total(sum));
  }

  /**
   * Cells rounded so that they add up to {@code roundedTotal}, which must be the rounding of their
   * sum; cells rounding to 0 are left out, the order of the others kept.
   */
  static Map<String, Long> table(Map<String, Long> cells, long roundedTotal) {
    long floors = 0;
    List<Map.Entry<String, Long>> remainders = new ArrayList<>();
    for (Map.Entry<String, Long> cell : cells.entrySet()) {
      floors += cell.getValue() - cell.getValue() % BASE;
      if (cell.getValue() % BASE != 0) {
        remainders.add(cell);
      }
    }
    long up = Math.max(0, Math.min(remainders.size(), (roundedTotal - floors) / BASE));
    remainders.sort(
        Comparator.comparingLong((Map.Entry<String, Long> c) -> -(c.getValue() % BASE))
            .thenComparing(Map.Entry::getKey));
    java.util.Set<String> roundedUp = new java.util.HashSet<>();
    for (int i = 0; i < up; i++) {
      roundedUp.add(remainders.get(i).getKey());
    }
    Map<String, Long> rounded = new LinkedHashMap<>();
    for (Map.Entry<String, Long> cell : cells.entrySet()) {
      long floor = cell.getValue() - cell.getValue() % BASE;
      long value = roundedUp.contains(cell.getKey()) ? floor + BASE : floor;
      if (value > 0) {
        rounded.put(cell.getKey(), value);
      }
    }
    return rounded;
  }

  /** A share in per cent of two published counts, one decimal; null when there is no whole. */
  static Double share(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
  }
}
