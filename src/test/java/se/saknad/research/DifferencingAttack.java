package se.saknad.research;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attacker's arithmetic on published counts: what is known of each true count (an interval from
 * the published method), the relations between counts (sums, at most), narrowed to a fixed point by
 * interval propagation.
 */
final class DifferencingAttack {
  /** What the attacker knows of one true count: lo <= count <= hi. */
  static final class Bound {
    long lo;
    long hi;

    Bound(long lo, long hi) {
      this.lo = lo;
      this.hi = hi;
    }
  }

  /** total = sum(terms), or total <= sum(terms) when not exact. */
  private record Sum(String total, List<String> terms, boolean exact) {}

  final Map<String, Bound> bounds = new LinkedHashMap<>();
  private final List<Sum> sums = new ArrayList<>();

  /** A count known to lie in [lo, hi]. */
  void between(String name, long lo, long hi) {
    bounds.put(name, new Bound(Math.max(0, lo), hi));
  }

  /** A published cell (controlled rounding: the truth is within 4 of it; absent means 0). */
  void cell(String name, Long published) {
    long r = published == null ? 0 : published;
    between(name, r - 4, r + 4);
  }

  /** A published total (rounded to the nearest multiple of 5). */
  void total(String name, long published) {
    between(name, published - 2, published + 2);
  }

  void sum(String total, List<String> terms, boolean exact) {
    sums.add(new Sum(total, terms, exact));
  }

  /** a <= b */
  void atMost(String a, String b) {
    sums.add(new Sum(a, List.of(b), false));
  }

  /** Propagates every relation until nothing narrows any more. */
  void solve() {
    boolean changed = true;
    for (int round = 0; changed && round < 1000; round++) {
      changed = false;
      for (Sum s : sums) {
        Bound t = bounds.get(s.total());
        long loSum = 0;
        long hiSum = 0;
        for (String term : s.terms()) {
          loSum += bounds.get(term).lo;
          hiSum += bounds.get(term).hi;
        }
        changed |= narrow(t, s.exact() ? loSum : t.lo, hiSum);
        for (String term : s.terms()) {
          Bound x = bounds.get(term);
          long othersHi = hiSum - x.hi;
          long othersLo = loSum - x.lo;
          changed |= narrow(x, t.lo - othersHi, s.exact() ? t.hi - othersLo : x.hi);
        }
      }
    }
  }

  private static boolean narrow(Bound b, long lo, long hi) {
    long newLo = Math.max(b.lo, lo);
    long newHi = Math.min(b.hi, hi);
    boolean changed = newLo != b.lo || newHi != b.hi;
    b.lo = newLo;
    b.hi = newHi;
    return changed;
  }

  /** Counts pinned to exactly a value from {@code lo} to {@code hi}, or contradictory. */
  List<String> recovered(long lo, long hi) {
    List<String> found = new ArrayList<>();
    bounds.forEach(
        (name, b) -> {
          if (b.lo > b.hi) {
            found.add(name + " contradicts the published method");
          } else if (b.lo == b.hi && b.lo >= lo && b.lo <= hi) {
            found.add(name + " = " + b.lo);
          }
        });
    return found;
  }
}
