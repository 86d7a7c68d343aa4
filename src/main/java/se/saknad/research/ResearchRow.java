package se.saknad.research;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.List;

/**
 * One debrief as researchers see it. By construction it holds no name, alias, birth date, dossier
 * number, phone number, home name or coordinate; free text only with the child's consent. The
 * quasi-identifiers are generalised (age band, region of origin, county, quarter, episodes 1/2/3+)
 * and, where a combination is shared by fewer than three children, suppressed ("*", named in {@code
 * suppressed}). The exact age, nationality, municipality and episode number are never given (always
 * null); the fields stay so that readers of the first version find them.
 */
@Serdeable
public record ResearchRow(
    String childKey,
    String episodes,
    String ageBand,
    String gender,
    String regionOfOrigin,
    String countyCode,
    String quarter,
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
    @Nullable String childStatement,
    List<String> suppressed,
    @Nullable Integer episodeNumber,
    @Nullable Integer ageAtDisappearance,
    @Nullable String nationality,
    @Nullable String municipalityCode) {

  static final List<String> CSV_HEADER =
      List.of(
          "childKey",
          "episodes",
          "ageBand",
          "gender",
          "regionOfOrigin",
          "countyCode",
          "quarter",
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
          "childStatement",
          "suppressed");

  List<Object> csvValues() {
    return Arrays.asList(
        childKey,
        episodes,
        ageBand,
        gender,
        regionOfOrigin,
        countyCode,
        quarter,
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
        childStatement,
        String.join(";", suppressed));
  }
}
