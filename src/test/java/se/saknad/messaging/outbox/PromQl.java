package se.saknad.messaging.outbox;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL and the Prometheus text format to say which metrics an expression reads and
 * which metrics (with which labels) a scrape offers.
 */
final class PromQl {
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "inf",
          "nan");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.$])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
  private static final Pattern SELECTOR =
      Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\s*\\{([^}]*)\\}");
  private static final Pattern MATCHER =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)");

  private PromQl() {}

  /** The metric names an expression selects (functions, keywords and label names left out). */
  static Set<String> metricNames(String expr) {
    String s = STRING.matcher(expr).replaceAll("\"\"");
    s = s.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ");
    s = GROUPING.matcher(s).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String name = m.group(1);
      if (m.group(2) == null && !KEYWORDS.contains(name.toLowerCase())) {
        names.add(name);
      }
    }
    return names;
  }

  /** The label names each selector of an expression matches on, by metric. */
  static Map<String, Set<String>> labelsMatched(String expr) {
    Map<String, Set<String>> labels = new HashMap<>();
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      String inside = STRING.matcher(m.group(2)).replaceAll("\"\"");
      Matcher l = MATCHER.matcher(inside);
      while (l.find()) {
        labels.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(l.group(1));
      }
    }
    return labels;
  }

  /** Every sample name of a scrape in the text format, with the label names it carries. */
  static Map<String, Set<String>> exported(String scrape) {
    Map<String, Set<String>> exported = new HashMap<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(\\{([^}]*)\\})?\\s").matcher(line);
      if (!m.find()) {
        continue;
      }
      Set<String> names = exported.computeIfAbsent(m.group(1), k -> new HashSet<>());
      if (m.group(3) != null) {
        Matcher l =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=")
                .matcher(STRING.matcher(m.group(3)).replaceAll("\"\""));
        while (l.find()) {
          names.add(l.group(1));
        }
      }
    }
    return exported;
  }
}
