package se.saknad.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the report states, with every count already through disclosure control: the report
 * only lays it out.
 */
record ReportData(
    LocalDate from,
    LocalDate to,
    String protection,
    long cases,
    long children,
    Map<String, Long> casesByAgeBand,
    Map<String, Long> casesByGender,
    Map<String, Long> childrenByNumberOfDisappearances,
    Double returnedWithin24h,
    Double returnedWithin7days,
    Double notYetReturned,
    long returnedCases,
    long debriefs,
    Double debriefsHeldWithin72h,
    Map<String, Long> reasons,
    Map<String, Long> whereabouts,
    Map<String, Long> exploitationIndicators,
    long referrals,
    Map<String, Long> referralsByReason,
    Map<String, Long> referralsByOutcome,
    long concerns,
    Map<String, Long> concernsBySign,
    Double concernsAssessedInTime,
    long repeatChildren,
    List<SurvivalGroup> survival,
    List<String> quotes) {

  /** A Kaplan-Meier curve is drawn only for a group of at least this many cases. */
  static final int MIN_CURVE_CASES = 10;

  /**
   * One Kaplan-Meier curve ({@link RoundedSurvival}); {@code publishedCases} is its number of cases
   * after rounding, {@code widthHours} the interval its times are coarsened to, {@code
   * minimumCount} the fewest returns a step carries.
   */
  @io.micronaut.serde.annotation.Serdeable
  record SurvivalGroup(
      String key,
      String label,
      long publishedCases,
      int widthHours,
      int minimumCount,
      KaplanMeier.Curve curve) {}
}
