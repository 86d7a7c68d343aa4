package se.saknad.research;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One debrief as researchers see it. By construction it holds no name, alias, birth date, dossier
 * number, phone number, home name or coordinate; free text only with the child's consent, and
 * redacted ({@link StatementRedaction}).
 *
 * <p>Every field is one of: the pseudonymous key, a quasi-identifier (something someone who knows
 * the case could know: generalised to the levels {@link KAnonymity} chose, named in {@code
 * generalisation}), a sensitive answer (the reasons, whereabouts, signs of exploitation, the
 * consent and the child's words, which the k-anonymity is there to protect), or a description of
 * the protection. {@link #FIELDS} says which; a field added to the row must be added there too, or
 * a test fails. A quasi-identifier generalised away is "*" (for yes/no fields: null) and named in
 * {@code suppressed}; a field only a finer level fills (the exact age, nationality, municipality,
 * episode number) is null at the coarser levels, and the hours missing are never given (always
 * null: {@code durationBand} says how long).
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
    @Nullable Boolean interviewerIndependent,
    @Nullable Boolean interpreterUsed,
    @Nullable String language,
    @Nullable Boolean heldWithin72h,
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
    @Nullable String municipalityCode,
    String durationBand,
    Map<String, String> generalisation) {

  /** What a field of the row is, for disclosure control. */
  enum Kind {
    PSEUDONYM,
    QUASI_IDENTIFIER,
    SENSITIVE,
    PROTECTION
  }

  /** Every field of the row and what it is. */
  static final Map<String, Kind> FIELDS = fields();

  private static Map<String, Kind> fields() {
    Map<String, Kind> fields = new LinkedHashMap<>();
    fields.put("childKey", Kind.PSEUDONYM);
    for (QuasiIdentifier q : QuasiIdentifier.values()) {
      q.fields.forEach(f -> fields.put(f, Kind.QUASI_IDENTIFIER));
    }
    for (String sensitive :
        List.of(
            "reasons",
            "whereabouts",
            "exploitationIndicators",
            "consentToResearch",
            "reasonsText",
            "childStatement")) {
      fields.put(sensitive, Kind.SENSITIVE);
    }
    fields.put("suppressed", Kind.PROTECTION);
    fields.put("generalisation", Kind.PROTECTION);
    return Map.copyOf(fields);
  }

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
          "suppressed",
          "durationBand",
          "episodeNumber",
          "ageAtDisappearance",
          "nationality",
          "municipalityCode",
          "generalisation");

  /**
   * A row from the published values of its quasi-identifiers (by field), its facts for the rest,
   * and the levels used.
   */
  static ResearchRow of(
      Map<String, Object> published, RowFacts f, Map<String, String> generalisation) {
    List<String> suppressed = new ArrayList<>();
    for (String field : CSV_HEADER) {
      if (KAnonymity.SUPPRESSED.equals(published.get(field))) {
        suppressed.add(field);
      }
    }
    return new ResearchRow(
        f.childKey(),
        text(published, "episodes"),
        text(published, "ageBand"),
        text(published, "gender"),
        text(published, "regionOfOrigin"),
        text(published, "countyCode"),
        text(published, "quarter"),
        text(published, "riskLevel"),
        null,
        text(published, "outcome"),
        text(published, "interviewerRole"),
        flag(published, "interviewerIndependent"),
        flag(published, "interpreterUsed"),
        text(published, "language"),
        flag(published, "heldWithin72h"),
        f.reasons(),
        f.whereabouts(),
        f.exploitationIndicators(),
        f.consentToResearch(),
        f.reasonsText(),
        f.childStatement(),
        List.copyOf(suppressed),
        (Integer) published.get("episodeNumber"),
        (Integer) published.get("ageAtDisappearance"),
        text(published, "nationality"),
        text(published, "municipalityCode"),
        text(published, "durationBand"),
        generalisation);
  }

  private static String text(Map<String, Object> published, String field) {
    Object value = published.get(field);
    return value == null ? null : value.toString();
  }

  /** A yes/no value, or null when suppressed (a boolean cannot be "*"). */
  private static Boolean flag(Map<String, Object> published, String field) {
    Object value = published.get(field);
    return value instanceof Boolean b ? b : null;
  }

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
        String.join(";", suppressed),
        durationBand,
        episodeNumber,
        ageAtDisappearance,
        nationality,
        municipalityCode,
        generalisation.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(";")));
  }
}
