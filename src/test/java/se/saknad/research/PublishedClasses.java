package se.saknad.research;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import se.saknad.support.Json;

/**
 * The rows as an attacker who knows a case groups them: by every published field except the
 * declared sensitive answers, the key and the description of the protection. A field the row gains
 * later is part of the attacker's key without anyone saying so.
 */
final class PublishedClasses {
  /** What the attacker does not know of a case and so cannot match on. */
  static final Set<String> NOT_KNOWN_TO_OUTSIDERS =
      Set.of(
          "childKey",
          "reasons",
          "whereabouts",
          "exploitationIndicators",
          "consentToResearch",
          "reasonsText",
          "childStatement",
          "suppressed",
          "generalisation");

  private PublishedClasses() {}

  /** The attacker's key of a JSON row: every other field, by name. */
  static Map<String, String> key(Json row) {
    Map<String, String> key = new TreeMap<>();
    for (Map.Entry<String, Object> field : row.object().entrySet()) {
      if (!NOT_KNOWN_TO_OUTSIDERS.contains(field.getKey())) {
        key.put(field.getKey(), String.valueOf(field.getValue()));
      }
    }
    return key;
  }

  /** The classes of the JSON rows and the children in each. */
  static Map<Map<String, String>, Set<String>> ofJson(List<Json> rows) {
    Map<Map<String, String>, Set<String>> classes = new HashMap<>();
    for (Json row : rows) {
      classes.computeIfAbsent(key(row), k -> new HashSet<>()).add(row.string("childKey"));
    }
    return classes;
  }

  static List<CSVRecord> csv(String text) throws java.io.IOException {
    return CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(text)).getRecords();
  }

  /** The classes of the CSV rows, over every column but those not known to outsiders. */
  static Map<Map<String, String>, Set<String>> ofCsv(List<CSVRecord> records) {
    Map<Map<String, String>, Set<String>> classes = new HashMap<>();
    for (CSVRecord r : records) {
      Map<String, String> key = new TreeMap<>();
      r.toMap()
          .forEach(
              (column, value) -> {
                if (!NOT_KNOWN_TO_OUTSIDERS.contains(column)) {
                  key.put(column, value);
                }
              });
      classes.computeIfAbsent(key, k -> new HashSet<>()).add(r.get("childKey"));
    }
    return classes;
  }

  /** Classes with fewer than k children, described. */
  static List<String> smallerThanK(Map<Map<String, String>, Set<String>> classes) {
    List<String> small = new ArrayList<>();
    classes.forEach(
        (values, children) -> {
          if (children.size() < KAnonymity.K) {
            small.add(values + ": " + children.size());
          }
        });
    return small;
  }
}
