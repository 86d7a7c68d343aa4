package se.saknad.research;

import java.util.List;

/**
 * One debrief with its case as research reads it, before anything is generalised: the exact values
 * the generalisation hierarchies start from, and the sensitive answers. Free text is already
 * redacted ({@link StatementRedaction}) and present only with consent.
 */
record RowFacts(
    String childKey,
    int episode,
    String municipalityCode,
    String countyCode,
    String quarter,
    Integer age,
    String nationality,
    String gender,
    String language,
    boolean interpreterUsed,
    Double missingHours,
    String riskLevel,
    String outcome,
    String interviewerRole,
    boolean interviewerIndependent,
    boolean heldWithin72h,
    List<String> reasons,
    List<String> whereabouts,
    List<String> exploitationIndicators,
    boolean consentToResearch,
    String reasonsText,
    String childStatement) {

  /** The same facts with the (redacted) free text. */
  RowFacts withTexts(String reasonsText, String childStatement) {
    return new RowFacts(
        childKey,
        episode,
        municipalityCode,
        countyCode,
        quarter,
        age,
        nationality,
        gender,
        language,
        interpreterUsed,
        missingHours,
        riskLevel,
        outcome,
        interviewerRole,
        interviewerIndependent,
        heldWithin72h,
        reasons,
        whereabouts,
        exploitationIndicators,
        consentToResearch,
        reasonsText,
        childStatement);
  }
}
