package se.saknad.children;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code search_names} of a child, what the duplicate finder compares with trigrams: every
 * spelling, lower case, without diacritics.
 */
final class SearchNames {
  private SearchNames() {}

  static String of(String given, String family, List<String> aliases) {
    List<String> all = new ArrayList<>();
    all.add(given + " " + family);
    all.addAll(aliases);
    StringBuilder out = new StringBuilder();
    for (String name : all) {
      String plain =
          Normalizer.normalize(name, Normalizer.Form.NFKD)
              .replaceAll("\\p{M}", "")
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} ]", " ")
              .replaceAll("\\s+", " ")
              .strip();
      if (out.length() > 0) {
        out.append(" | ");
      }
      out.append(plain);
    }
    return out.toString();
  }
}
