package se.saknad.debriefs;

import java.time.Instant;
import java.util.List;
import se.saknad.common.ProblemException;
import se.saknad.debriefs.DebriefApi.DebriefRequest;
import se.saknad.debriefs.DebriefCodes.InterviewerRole;
import se.saknad.debriefs.DebriefCodes.Outcome;

/**
 * A debrief as it is stored: the request checked against the rules of an interview (a time unless
 * it was not held, and then a reason; not in the future, not before the return), with its defaults
 * filled in and its texts and coded lists tidied. A held interview names at least one reason (or
 * that the child would not say): an empty form must not count as an interview held.
 */
record CheckedDebrief(
    Outcome outcome,
    String notHeldReason,
    Instant conductedAt,
    InterviewerRole interviewerRole,
    boolean interviewerIndependent,
    boolean interpreterUsed,
    String language,
    Boolean consentToResearch,
    List<String> reasons,
    String reasonsText,
    List<String> whereabouts,
    List<String> exploitationIndicators,
    String childStatement) {

  /** The request checked; 422 on the first rule it breaks. */
  static CheckedDebrief of(DebriefRequest request, Instant returnedAt, Instant latestAllowed) {
    Outcome outcome = request.outcome() == null ? Outcome.HELD : request.outcome();
    Instant conductedAt = request.conductedAt() == null ? null : request.conductedAt().toInstant();
    if (outcome != Outcome.NOT_HELD && conductedAt == null) {
      throw ProblemException.invalid(
          "conductedAt", "required when the interview took place or was declined");
    }
    if (conductedAt != null && conductedAt.isAfter(latestAllowed)) {
      throw ProblemException.invalid("conductedAt", "lies in the future");
    }
    if (conductedAt != null && conductedAt.isBefore(returnedAt)) {
      throw ProblemException.invalid("conductedAt", "lies before the child returned");
    }
    if (outcome == Outcome.NOT_HELD
        && (request.notHeldReason() == null || request.notHeldReason().isBlank())) {
      throw ProblemException.invalid("notHeldReason", "say why the interview was not held");
    }
    if (outcome == Outcome.HELD && (request.reasons() == null || request.reasons().isEmpty())) {
      throw ProblemException.invalid(
          "reasons", "name at least one reason, or DECLINED_TO_SAY when the child would not say");
    }
    List<String> signs = names(request.exploitationIndicators());
    if (signs.contains("NONE_OBSERVED") && signs.size() > 1) {
      throw ProblemException.invalid(
          "exploitationIndicators", "NONE_OBSERVED cannot go together with a sign of exploitation");
    }
    return new CheckedDebrief(
        outcome,
        blankToNull(request.notHeldReason()),
        conductedAt,
        request.interviewerRole(),
        Boolean.TRUE.equals(request.interviewerIndependent())
            || request.interviewerRole() == InterviewerRole.INDEPENDENT_INTERVIEWER,
        Boolean.TRUE.equals(request.interpreterUsed()),
        request.language(),
        request.consentToResearch(),
        names(request.reasons()),
        text(request.reasonsText()),
        names(request.whereabouts()),
        signs,
        text(request.childStatement()));
  }

  private static List<String> names(List<? extends Enum<?>> values) {
    return values == null ? List.of() : values.stream().map(Enum::name).distinct().toList();
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
