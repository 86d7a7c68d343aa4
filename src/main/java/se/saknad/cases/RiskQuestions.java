package se.saknad.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.saknad.cases.CaseApi.RiskLevel;
import se.saknad.common.ProblemException;

/**
 * The risk questions of a report: each yes raises the grade to at least its level. Police grade
 * risk on a continuum from the same facts (age, pregnancy, medication, self-harm, contact with
 * exploiters, earlier episodes, night and cold); asking them makes the grade follow from what is
 * known instead of from a guess, and grading below what they say needs a reason.
 */
public final class RiskQuestions {
  private RiskQuestions() {}

  public enum Question {
    UNDER_15("Barnet är under 15 år", RiskLevel.HIGH),
    PREGNANCY("Barnet är gravid", RiskLevel.HIGH),
    MEDICATION("Barnet behöver medicin eller har medicinska behov", RiskLevel.HIGH),
    SELF_HARM("Barnet har skadat sig själv eller talat om självmord", RiskLevel.HIGH),
    KNOWN_EXPLOITER_CONTACT("Känd kontakt med någon som kan utnyttja barnet", RiskLevel.HIGH),
    PREVIOUS_EPISODES("Barnet har försvunnit förut", RiskLevel.ELEVATED),
    NIGHT_IN_WINTER("Barnet är ute på natten i vinterkyla", RiskLevel.ELEVATED),
    SUBSTANCE_USE("Barnet använder alkohol eller droger", RiskLevel.ELEVATED),
    NO_COMMON_LANGUAGE("Barnet talar varken svenska eller engelska", RiskLevel.ELEVATED),
    DEPORTATION_DECISION(
        "Barnet har nyss fått avslag eller beslut om utvisning", RiskLevel.ELEVATED);

    public final String sv;
    public final RiskLevel raises;

    Question(String sv, RiskLevel raises) {
      this.sv = sv;
      this.raises = raises;
    }
  }

  /** One question as the pages ask it. */
  @Serdeable
  public record QuestionView(String code, String text, RiskLevel raises) {}

  /** What the answers give, which yes-answers gave it, and why the grade is lower when it is. */
  @Serdeable
  public record RiskAssessment(
      RiskLevel level, List<Question> reasons, @Nullable String overrideReason) {}

  public static List<QuestionView> questions() {
    List<QuestionView> all = new ArrayList<>();
    for (Question q : Question.values()) {
      all.add(new QuestionView(q.name(), q.sv, q.raises));
    }
    return all;
  }

  /**
   * The answers read: an unknown question is a 400; a question answered null is unanswered. Empty
   * when no answer was given at all.
   */
  static Map<Question, Boolean> read(@Nullable Map<String, Boolean> answers) {
    Map<Question, Boolean> read = new TreeMap<>();
    if (answers == null) {
      return read;
    }
    for (Map.Entry<String, Boolean> answer : answers.entrySet()) {
      Question q = question(answer.getKey());
      if (answer.getValue() != null) {
        read.put(q, answer.getValue());
      }
    }
    return read;
  }

  private static Question question(String code) {
    for (Question q : Question.values()) {
      if (q.name().equals(code)) {
        return q;
      }
    }
    throw ProblemException.badRequest("riskAnswers", "contains a question that is not known");
  }

  /** The grade the yes-answers give (STANDARD when none), highest first among the reasons. */
  static RiskAssessment assess(List<Question> yes, @Nullable String overrideReason) {
    List<Question> reasons =
        yes.stream()
            .sorted(
                Comparator.comparingInt((Question q) -> q.raises.ordinal()).thenComparing(q -> q))
            .toList();
    RiskLevel level = reasons.isEmpty() ? RiskLevel.STANDARD : reasons.get(0).raises;
    return new RiskAssessment(level, reasons, overrideReason);
  }

  /** Whether {@code a} is a lower grade than {@code b}. */
  static boolean below(RiskLevel a, RiskLevel b) {
    return a.ordinal() > b.ordinal();
  }

  /** The answers as stored (jsonb), in a fixed order; codes and booleans only. */
  static String json(Map<Question, Boolean> answers) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<Question, Boolean> a : answers.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(a.getKey().name()).append("\":").append(a.getValue());
    }
    return json.append('}').toString();
  }
}
