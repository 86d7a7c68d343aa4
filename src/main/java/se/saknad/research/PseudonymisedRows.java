package se.saknad.research;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import se.saknad.common.Db;
import se.saknad.common.Sweden;

/**
 * The research rows: one per debrief, keyed by the child's {@code childKey}, generalised and
 * withheld as {@link KAnonymity} chooses, the child's words only with consent and redacted.
 */
@Singleton
class PseudonymisedRows {
  private static final String ROWS =
      """
      SELECT d.id AS case_id, d.child_id, d.episode, d.child_age, c.gender, c.nationality, d.home_municipality_code,
             m.county_code,
             to_char(d.last_seen_at AT TIME ZONE {zone}, 'YYYY-"Q"Q') AS quarter,
             d.risk_level,
             extract(epoch FROM d.returned_at - d.last_seen_at) / 3600.0 AS missing_hours,
             b.outcome, b.interviewer_role, b.interviewer_independent, b.interpreter_used, b.language,
             (b.conducted_at IS NOT NULL AND b.conducted_at <= d.debrief_due_by) AS within_72h,
             b.reasons, b.whereabouts, b.exploitation_indicators, b.consent_to_research
      FROM (SELECT x.*, row_number() OVER (PARTITION BY x.child_id ORDER BY x.last_seen_at) AS episode
            FROM disappearance_case x WHERE x.status <> 'WITHDRAWN') d
      JOIN debrief b ON b.case_id = d.id
      JOIN child c ON c.id = d.child_id
      LEFT JOIN municipality m ON m.code = d.home_municipality_code
      """
          .replace("{zone}", Sweden.ZONE_SQL);

  private static final QuasiIdentifier[] QUASI_IDENTIFIERS = QuasiIdentifier.values();

  /** The rows as published and how they were protected. */
  record Publication(List<ResearchRow> rows, RowProtection protection) {}

  private final Db db;
  private final ChildKeys keys;
  private final Redactions redactions;

  /** The last search and what it was for: the same rows give the same choice without a search. */
  private final AtomicReference<Searched> last = new AtomicReference<>();

  private record Searched(List<KAnonymity.Subject> subjects, KAnonymity.Choice choice) {}

  PseudonymisedRows(Db db, ChildKeys keys, Redactions redactions) {
    this.db = db;
    this.keys = keys;
    this.redactions = redactions;
  }

  /** Every row that can be published, in an order that tells nothing, and how. */
  Publication all() {
    List<RowFacts> facts = read();
    List<KAnonymity.Subject> subjects = facts.stream().map(PseudonymisedRows::subject).toList();
    KAnonymity.Choice choice = choose(subjects);
    Map<String, String> generalisation = new LinkedHashMap<>();
    for (QuasiIdentifier q : QUASI_IDENTIFIERS) {
      generalisation.put(q.key(), q.levelName(choice.levels()[q.ordinal()]));
    }
    List<ResearchRow> rows = new ArrayList<>();
    for (int i = 0; i < facts.size(); i++) {
      if (choice.withheld()[i]) {
        continue;
      }
      Map<String, Object> published = new LinkedHashMap<>();
      for (QuasiIdentifier q : QUASI_IDENTIFIERS) {
        published.putAll(q.values(facts.get(i), choice.levels()[q.ordinal()]));
      }
      rows.add(ResearchRow.of(published, facts.get(i), generalisation));
    }
    rows = inAnOrderThatTellsNothing(rows);
    return new Publication(
        rows,
        RowProtection.of(
            generalisation, rows.size(), choice.rowsWithheld(), choice.informationLoss()));
  }

  private KAnonymity.Choice choose(List<KAnonymity.Subject> subjects) {
    Searched searched = last.get();
    if (searched != null && searched.subjects().equals(subjects)) {
      return searched.choice();
    }
    int[] levelCounts = new int[QUASI_IDENTIFIERS.length];
    for (QuasiIdentifier q : QUASI_IDENTIFIERS) {
      levelCounts[q.ordinal()] = q.levelCount();
    }
    KAnonymity.Choice choice = KAnonymity.choose(subjects, levelCounts);
    last.set(new Searched(subjects, choice));
    return choice;
  }

  /** A row as the search sees it: its child, each quasi-identifier at each level, its codes. */
  static KAnonymity.Subject subject(RowFacts f) {
    List<List<String>> keys = new ArrayList<>();
    for (QuasiIdentifier q : QUASI_IDENTIFIERS) {
      List<String> perLevel = new ArrayList<>();
      for (int level = 0; level < q.levelCount(); level++) {
        perLevel.add(q.values(f, level).values().toString());
      }
      keys.add(List.copyOf(perLevel));
    }
    Set<String> codes = new LinkedHashSet<>();
    f.reasons().forEach(c -> codes.add("reasons:" + c));
    f.whereabouts().forEach(c -> codes.add("whereabouts:" + c));
    f.exploitationIndicators().forEach(c -> codes.add("exploitationIndicators:" + c));
    return new KAnonymity.Subject(f.childKey(), List.copyOf(keys), Set.copyOf(codes));
  }

  /**
   * By key, then by what the row publishes: never by the time a case was reported or a debrief
   * recorded, so the order tells nothing a row does not.
   */
  private static List<ResearchRow> inAnOrderThatTellsNothing(List<ResearchRow> rows) {
    List<ResearchRow> sorted = new ArrayList<>(rows);
    sorted.sort(
        Comparator.comparing(ResearchRow::childKey).thenComparing(r -> r.csvValues().toString()));
    return sorted;
  }

  private List<RowFacts> read() {
    record Read(java.util.UUID caseId, RowFacts facts) {}
    List<Read> reads =
        db.list(
            ROWS,
            rs -> {
              BigDecimal hours = rs.getBigDecimal("missing_hours");
              String county = trim(rs.getString("county_code"));
              String municipality = trim(rs.getString("home_municipality_code"));
              return new Read(
                  Db.uuid(rs, "case_id"),
                  new RowFacts(
                      keys.keyOf(Db.uuid(rs, "child_id")),
                      rs.getInt("episode"),
                      municipality == null ? "unknown" : municipality,
                      county == null ? "unknown" : county,
                      rs.getString("quarter"),
                      (Integer) rs.getObject("child_age"),
                      trim(rs.getString("nationality")),
                      rs.getString("gender"),
                      rs.getString("language"),
                      rs.getBoolean("interpreter_used"),
                      hours == null ? null : hours.doubleValue(),
                      rs.getString("risk_level"),
                      rs.getString("outcome"),
                      rs.getString("interviewer_role"),
                      rs.getBoolean("interviewer_independent"),
                      rs.getBoolean("within_72h"),
                      Db.strings(rs, "reasons"),
                      Db.strings(rs, "whereabouts"),
                      Db.strings(rs, "exploitation_indicators"),
                      rs.getBoolean("consent_to_research"),
                      null,
                      null));
            });
    // The words only with consent, and only as redacted.
    Map<java.util.UUID, Redactions.Texts> texts =
        redactions.textsOf(
            reads.stream().filter(r -> r.facts().consentToResearch()).map(Read::caseId).toList());
    return reads.stream()
        .map(
            r -> {
              Redactions.Texts t = texts.getOrDefault(r.caseId(), Redactions.Texts.NONE);
              return r.facts().withTexts(t.reasonsText(), t.childStatement());
            })
        .toList();
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
