package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field a research row publishes is either a quasi-identifier (generalised and counted in
 * k-anonymity), declared sensitive, the pseudonymous key or a description of the protection. A
 * field added to the row and to none of these fails here.
 */
class PublishedFieldsTest {
  @Test
  void everyFieldOfARowIsAQuasiIdentifierOrDeclaredSensitive() {
    List<String> unclassified = new ArrayList<>();
    for (RecordComponent field : ResearchRow.class.getRecordComponents()) {
      if (!ResearchRow.FIELDS.containsKey(field.getName())) {
        unclassified.add(field.getName());
      }
    }
    assertEquals(List.of(), unclassified, "neither quasi-identifier nor declared sensitive");
    List<String> components =
        Arrays.stream(ResearchRow.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();
    assertEquals(
        components.stream().sorted().toList(),
        ResearchRow.FIELDS.keySet().stream().sorted().toList(),
        "classified fields the row does not have");
  }

  @Test
  void everyQuasiIdentifierFieldBelongsToOneHierarchyAndIsInTheCsv() {
    Map<String, List<QuasiIdentifier>> owners = new HashMap<>();
    for (QuasiIdentifier q : QuasiIdentifier.values()) {
      q.fields.forEach(f -> owners.computeIfAbsent(f, x -> new ArrayList<>()).add(q));
    }
    ResearchRow.FIELDS.forEach(
        (field, kind) -> {
          if (kind == ResearchRow.Kind.QUASI_IDENTIFIER) {
            assertEquals(1, owners.getOrDefault(field, List.of()).size(), field);
          }
        });
    assertEquals(
        Arrays.stream(ResearchRow.class.getRecordComponents())
            .map(RecordComponent::getName)
            .sorted()
            .toList(),
        ResearchRow.CSV_HEADER.stream().sorted().toList(),
        "the CSV has every field");
  }

  @Test
  void theIssuesQuasiIdentifiersAreAllCovered() {
    // county, municipality, quarter, age, gender, region of origin, nationality, language,
    // episodes, duration missing, risk level, outcome, interviewer role
    for (String field :
        List.of(
            "countyCode",
            "municipalityCode",
            "quarter",
            "ageBand",
            "ageAtDisappearance",
            "gender",
            "regionOfOrigin",
            "nationality",
            "language",
            "episodes",
            "episodeNumber",
            "durationBand",
            "missingHours",
            "riskLevel",
            "outcome",
            "interviewerRole")) {
      assertEquals(ResearchRow.Kind.QUASI_IDENTIFIER, ResearchRow.FIELDS.get(field), field);
    }
    for (String field : List.of("reasons", "whereabouts", "exploitationIndicators")) {
      assertEquals(ResearchRow.Kind.SENSITIVE, ResearchRow.FIELDS.get(field), field);
    }
  }
}
