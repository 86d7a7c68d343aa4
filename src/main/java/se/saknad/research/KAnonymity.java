package se.saknad.research;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes rows k-anonymous over their quasi-identifiers, counted in distinct children: every
 * combination of published values is shared by at least k children. Rows are generalised before
 * they come here (age band, county, quarter, region of origin, episodes 1/2/3+); what is still
 * rarer than k is suppressed one quasi-identifier at a time, in {@link #SUPPRESSION_ORDER}, for the
 * rows of too small classes only. Rows still too rare with every quasi-identifier suppressed are
 * left out.
 */
final class KAnonymity {
  static final int K = 3;
  static final String SUPPRESSED = "*";

  /** The quasi-identifiers, most specific and least useful first. */
  static final List<String> SUPPRESSION_ORDER =
      List.of("countyCode", "quarter", "regionOfOrigin", "ageBand", "episodes", "gender");

  /** One row's child and quasi-identifier values (by name, as in SUPPRESSION_ORDER). */
  record Subject(String childKey, Map<String, String> quasiIdentifiers) {}

  /** For each subject, the quasi-identifiers to suppress, or null when the row is left out. */
  static List<Set<String>> suppressions(List<Subject> subjects) {
    List<Set<String>> result = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      result.add(null);
    }
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      open.add(i);
    }
    for (int level = 0; level <= SUPPRESSION_ORDER.size() && !open.isEmpty(); level++) {
      Set<String> suppressed = new HashSet<>(SUPPRESSION_ORDER.subList(0, level));
      Map<List<String>, List<Integer>> classes = new HashMap<>();
      for (int i : open) {
        classes
            .computeIfAbsent(published(subjects.get(i), suppressed), c -> new ArrayList<>())
            .add(i);
      }
      List<Integer> stillOpen = new ArrayList<>();
      for (List<Integer> members : classes.values()) {
        Set<String> children = new HashSet<>();
        members.forEach(i -> children.add(subjects.get(i).childKey()));
        if (children.size() >= K) {
          members.forEach(i -> result.set(i, Set.copyOf(suppressed)));
        } else {
          stillOpen.addAll(members);
        }
      }
      stillOpen.sort(null);
      open = stillOpen;
    }
    return result;
  }

  private static List<String> published(Subject subject, Set<String> suppressed) {
    List<String> values = new ArrayList<>();
    for (String name : SUPPRESSION_ORDER) {
      values.add(
          suppressed.contains(name) ? SUPPRESSED : subject.quasiIdentifiers().get(name) + "");
    }
    return values;
  }

  private KAnonymity() {}
}
