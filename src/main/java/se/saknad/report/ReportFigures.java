package se.saknad.report;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.research.Research;
import se.saknad.research.Statistics;
import se.saknad.security.Caller;

/**
 * What the report states, read in one transaction: research's published statistics of the period
 * (its disclosure control for every count), the Kaplan-Meier curves, the approved quotes.
 */
@Singleton
@Transactional
class ReportFigures {
  private static final Map<String, String> AGE_BANDS = new LinkedHashMap<>();

  static {
    AGE_BANDS.put("0-12", "0–12 år");
    AGE_BANDS.put("13-15", "13–15 år");
    AGE_BANDS.put("16-17", "16–17 år");
    AGE_BANDS.put("18+", "18 år eller äldre");
  }

  private final Research research;
  private final Quotes quotes;
  private final Db db;
  private final AuditTrail audit;
  private final Clock clock;

  ReportFigures(Research research, Quotes quotes, Db db, AuditTrail audit, Clock clock) {
    this.research = research;
    this.quotes = quotes;
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  ReportData gather(
      Caller caller, LocalDate from, LocalDate to, String endpoint, boolean wholeReport) {
    return gather(caller, from, to, endpoint, wholeReport, RoundedSurvival.DEFAULT_WIDTH);
  }

  ReportData gather(
      Caller caller,
      LocalDate from,
      LocalDate to,
      String endpoint,
      boolean wholeReport,
      int widthHours) {
    if (from == null) {
      throw ProblemException.badRequest("from", "give the first day of the period, YYYY-MM-DD");
    }
    if (to == null) {
      throw ProblemException.badRequest("to", "give the last day of the period, YYYY-MM-DD");
    }
    if (to.isBefore(from)) {
      throw ProblemException.invalid("to", "lies before from");
    }
    if (!RoundedSurvival.WIDTHS.contains(widthHours)) {
      throw ProblemException.invalid("width", "give one of " + RoundedSurvival.WIDTHS + " hours");
    }
    Statistics s = research.statistics(caller, endpoint, from, to);
    if (wholeReport) {
      audit.record(caller, "RESEARCH_REPORT_READ", null, null, endpoint);
    }
    Instant start = se.saknad.common.Sweden.startOf(from);
    Instant end = OmbudsmanReport.end(to);
    List<ReportData.SurvivalGroup> survival = survival(s, start, end, widthHours);
    List<String> approved =
        quotes.approved(start, end).stream().map(Quotes.Quote::statement).toList();
    return new ReportData(
        from,
        to,
        s.protection().noteSv(),
        s.cases().total(),
        s.children().total(),
        s.cases().byAgeBand(),
        s.cases().byGender(),
        s.childrenByNumberOfDisappearances(),
        s.returned().within24h(),
        s.returned().within7days(),
        s.returned().notYet(),
        s.debriefs().returnedCases(),
        s.debriefs().debriefs(),
        s.debriefs().heldWithin72hShareOfReturned(),
        s.reasons(),
        s.whereabouts(),
        s.exploitationIndicators(),
        s.referrals().total(),
        s.referrals().byReason(),
        s.referrals().byOutcome(),
        s.concerns().total(),
        s.concerns().bySign(),
        s.concerns().assessedInTimeShare(),
        s.concerns().repeatChildren(),
        survival,
        approved);
  }

  /**
   * Every case of the period, censored at the end of the period (or now, for a period not over)
   * when the child was not back by then; a curve for all and for each age band with at least {@link
   * ReportData#MIN_CURVE_CASES} cases, its size the published (rounded) count, its times and counts
   * protected by {@link RoundedSurvival}.
   */
  private List<ReportData.SurvivalGroup> survival(
      Statistics s, Instant start, Instant end, int widthHours) {
    Instant censor = end.isAfter(clock.instant()) ? clock.instant() : end;
    record Case(String band, KaplanMeier.Observation observation) {}
    List<Case> cases =
        db.list(
            """
            SELECT CASE WHEN child_age IS NULL THEN 'unknown' WHEN child_age < 13 THEN '0-12'
                        WHEN child_age < 16 THEN '13-15' WHEN child_age < 18 THEN '16-17'
                        ELSE '18+' END AS band,
                   extract(epoch FROM least(coalesce(returned_at, ?), ?) - last_seen_at) / 3600.0
                     AS hours,
                   returned_at IS NOT NULL AND returned_at <= ? AS back
            FROM disappearance_case
            WHERE last_seen_at >= ? AND last_seen_at < ? AND last_seen_at <= ?
              AND status <> 'WITHDRAWN'
            ORDER BY last_seen_at, id
            """,
            rs ->
                new Case(
                    rs.getString("band"),
                    new KaplanMeier.Observation(
                        Math.max(0.0, rs.getDouble("hours")), rs.getBoolean("back"))),
            censor,
            censor,
            censor,
            start,
            end,
            censor);
    List<ReportData.SurvivalGroup> groups = new ArrayList<>();
    if (cases.size() >= ReportData.MIN_CURVE_CASES) {
      groups.add(
          group(
              "all",
              "Alla barn",
              s.cases().total(),
              cases.stream().map(Case::observation).toList(),
              widthHours));
    }
    AGE_BANDS.forEach(
        (band, label) -> {
          List<KaplanMeier.Observation> of =
              cases.stream().filter(c -> c.band().equals(band)).map(Case::observation).toList();
          if (of.size() >= ReportData.MIN_CURVE_CASES) {
            groups.add(
                group(band, label, s.cases().byAgeBand().getOrDefault(band, 0L), of, widthHours));
          }
        });
    return groups;
  }

  private static ReportData.SurvivalGroup group(
      String key,
      String label,
      long publishedCases,
      List<KaplanMeier.Observation> observations,
      int widthHours) {
    return new ReportData.SurvivalGroup(
        key,
        label,
        publishedCases,
        widthHours,
        RoundedSurvival.MINIMUM_COUNT,
        RoundedSurvival.curve(observations, publishedCases, widthHours));
  }
}
