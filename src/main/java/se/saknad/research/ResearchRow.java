package se.saknad.research;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One debrief as researchers see it. By construction it holds no name, alias, birth date, dossier
 * number, phone number, home name or coordinate; free text only with the child's consent.
 */
@Serdeable
public record ResearchRow(
    String childKey,
    int episodeNumber,
    @Nullable Integer ageAtDisappearance,
    String gender,
    String nationality,
    String municipalityCode,
    String countyCode,
    String riskLevel,
    @Nullable Double missingHours,
    String outcome,
    String interviewerRole,
    boolean interviewerIndependent,
    boolean interpreterUsed,
    @Nullable String language,
    boolean heldWithin72h,
    List<String> reasons,
    List<String> whereabouts,
    List<String> exploitationIndicators,
    boolean consentToResearch,
    @Nullable String reasonsText,
    @Nullable String childStatement) {

  static final List<String> CSV_HEADER =
      List.of(
          "childKey",
          "episodeNumber",
          "ageAtDisappearance",
          "gender",
          "nationality",
          "municipalityCode",
          "countyCode",
          "riskLevel",
          "missingHours",
          "outcome",
          "interviewerRole",
          "interviewerIndependent",
          "interpreterUsed",
          "language",
          "heldWithin72h",
          "reasons",
          "whereabouts",
          "exploitationIndicators",
          "consentToResearch",
          "reasonsText",
          "childStatement");

  List<Object> csvValues() {
    return java.util.Arrays.asList(
        childKey,
        episodeNumber,
        ageAtDisappearance,
        gender,
        nationality,
        municipalityCode,
        countyCode,
        riskLevel,
        missingHours,
        outcome,
        interviewerRole,
        interviewerIndependent,
        interpreterUsed,
        language,
        heldWithin72h,
        String.join(";", reasons),
        String.join(";", whereabouts),
        String.join(";", exploitationIndicators),
        consentToResearch,
        reasonsText,
        childStatement);
  }
}
