package se.saknad.research;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.Map;

/**
 * Published statistics of a period: every count is rounded by {@link ControlledRounding} (base 5,
 * tables add up to their totals), categories rounding to 0 are left out, shares are computed from
 * the published counts.
 */
@Serdeable
public record Statistics(
    Period period,
    Protection protection,
    CountTables cases,
    CountTables children,
    Returned returned,
    Map<String, Long> casesByTimeToReturn,
    Map<String, Long> childrenByNumberOfDisappearances,
    Map<String, Long> reasons,
    DebriefCounts debriefs,
    Map<String, Long> whereabouts,
    Map<String, Long> exploitationIndicators,
    ReferralCounts referrals,
    ConcernCounts concerns) {

  /** Cases whose child was last seen from {@code from} to {@code to}, both days included. */
  @Serdeable
  public record Period(@Nullable LocalDate from, @Nullable LocalDate to) {}

  /** How the counts were protected, so that readers can allow for it. */
  @Serdeable
  /** How the counts are protected: {@code note} for API readers, {@code noteSv} for the report. */
  public record Protection(String method, int base, String note, String noteSv) {}

  /** A total and the same total split five ways. */
  @Serdeable
  public record CountTables(
      long total,
      Map<String, Long> byMonth,
      Map<String, Long> byAgeBand,
      Map<String, Long> byGender,
      Map<String, Long> byNationality,
      Map<String, Long> byCounty) {}

  /** Shares in per cent of the published cases, from the published time-to-return table. */
  @Serdeable
  public record Returned(
      long cases,
      @Nullable Double within24h,
      @Nullable Double within7days,
      @Nullable Double notYet) {}

  /** Referrals for suspected trafficking on the period's cases, by reason and by outcome. */
  @Serdeable
  public record ReferralCounts(
      long total, Map<String, Long> byReason, Map<String, Long> byOutcome) {}

  /**
   * Concerns observed in the period (before a disappearance): the total, by coded sign (a concern
   * can carry several), how many social services assessed by the deadline and that share of the
   * total; and the children who went missing in the period as a repeat (the configured number of
   * disappearances within the configured window).
   */
  @Serdeable
  public record ConcernCounts(
      long total,
      Map<String, Long> bySign,
      long assessedInTime,
      @Nullable Double assessedInTimeShare,
      long repeatChildren) {}

  @Serdeable
  public record DebriefCounts(
      long returnedCases, long debriefs, @Nullable Double heldWithin72hShareOfReturned) {}
}
