package se.saknad.research;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.saknad.common.Db;
import se.saknad.debriefs.DebriefEvents;
import se.saknad.homes.HomeApi.HomeView;
import se.saknad.homes.Homes;

/**
 * The children's words as research may publish them: redacted by {@link StatementRedaction} with
 * what the child's record says to look for (names, aliases, the names of records merged into it,
 * the guardian's name and phone, the dossier number, the codes and police references of the child's
 * cases, the date of birth, the home's name, address and phone). The report's quotes and the
 * research rows both take their text from here, so nothing publishes a statement as it was
 * recorded.
 *
 * <p>The redacted text is kept ({@code research_text}) from the moment a debrief is recorded, and
 * redone whenever the record or the words change while the child's record is there. Once the
 * child's personal data is erased the record no longer knows the names, so the text kept from
 * before is published, and when there is none (or the words changed since), nothing.
 */
@Singleton
@Transactional
public class Redactions {
  /** The free text of a debrief as published: both null without consent. */
  public record Texts(String reasonsText, String childStatement) {
    static final Texts NONE = new Texts(null, null);
  }

  private static final String READ =
      """
      SELECT b.case_id, b.consent_to_research, b.reasons_text, b.child_statement,
             c.given_name, c.family_name, c.aliases, c.guardian_name, c.guardian_phone,
             c.dossier_number, c.date_of_birth, c.home_id, c.erased_at IS NOT NULL AS erased,
             ARRAY(SELECT x.code FROM disappearance_case x WHERE x.child_id = c.id) AS case_codes,
             ARRAY(SELECT p.reference FROM police_reference p
                   JOIN disappearance_case x ON x.id = p.case_id WHERE x.child_id = c.id)
               AS police_references,
             ARRAY(SELECT concat_ws(' ', m.given_name, m.family_name, array_to_string(m.aliases, ' '))
                   FROM child m WHERE m.merged_into = c.id) AS merged_names,
             t.source_sha256, t.reasons_text AS kept_reasons_text,
             t.child_statement AS kept_child_statement
      FROM debrief b JOIN disappearance_case d ON d.id = b.case_id
      JOIN child c ON c.id = d.child_id
      LEFT JOIN research_text t ON t.case_id = b.case_id
      WHERE b.case_id = ANY (?::uuid[])
      """;

  private final Db db;
  private final Homes homes;
  private final Clock clock;

  Redactions(Db db, Homes homes, Clock clock) {
    this.db = db;
    this.homes = homes;
    this.clock = clock;
  }

  /** Redacted at once, in the transaction that records or corrects the debrief. */
  @EventListener
  void onDebrief(DebriefEvents.DebriefRecorded event) {
    textsOf(List.of(event.caseId()));
  }

  /** The redacted statement of each debrief of these cases (null without consent or words). */
  public Map<UUID, String> statementsOf(Collection<UUID> caseIds) {
    Map<UUID, String> statements = new HashMap<>();
    textsOf(caseIds).forEach((id, texts) -> statements.put(id, texts.childStatement()));
    return statements;
  }

  /** The published free text of the debriefs of these cases. */
  public Map<UUID, Texts> textsOf(Collection<UUID> caseIds) {
    Map<UUID, Texts> texts = new HashMap<>();
    if (caseIds.isEmpty()) {
      return texts;
    }
    List<Recorded> recorded = db.list(READ, Recorded::read, caseIds);
    Set<UUID> homeIds = new HashSet<>();
    recorded.forEach(r -> homeIds.add(r.homeId()));
    homeIds.remove(null);
    Map<UUID, HomeView> homesById = homes.find(homeIds);
    for (Recorded r : recorded) {
      texts.put(r.caseId(), publishable(r, homesById));
    }
    return texts;
  }

  private Texts publishable(Recorded r, Map<UUID, HomeView> homesById) {
    if (!r.consent()) {
      if (r.keptDigest() != null) {
        db.update("DELETE FROM research_text WHERE case_id = ?", r.caseId());
      }
      return Texts.NONE;
    }
    String digest = digest(r.reasonsText(), r.childStatement());
    if (r.erased()) {
      return digest.equals(r.keptDigest()) ? r.kept() : Texts.NONE;
    }
    StatementRedaction.Known known = r.known(homesById);
    Texts redacted =
        new Texts(
            StatementRedaction.redact(r.reasonsText(), known),
            StatementRedaction.redact(r.childStatement(), known));
    if (!digest.equals(r.keptDigest()) || !redacted.equals(r.kept())) {
      db.update(
          """
          INSERT INTO research_text (case_id, source_sha256, reasons_text, child_statement, redacted_at)
          VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (case_id) DO UPDATE SET source_sha256 = excluded.source_sha256,
            reasons_text = excluded.reasons_text, child_statement = excluded.child_statement,
            redacted_at = excluded.redacted_at
          """,
          r.caseId(),
          digest,
          redacted.reasonsText(),
          redacted.childStatement(),
          clock.instant());
    }
    return redacted;
  }

  /** A debrief's words, what its child's record says to look for, and what was kept. */
  private record Recorded(
      UUID caseId,
      boolean consent,
      String reasonsText,
      String childStatement,
      boolean erased,
      List<String> names,
      List<String> numbers,
      List<LocalDate> dates,
      UUID homeId,
      String keptDigest,
      Texts kept) {

    static Recorded read(ResultSet rs) throws SQLException {
      List<String> names = new ArrayList<>();
      names.add(rs.getString("given_name"));
      names.add(rs.getString("family_name"));
      names.addAll(Db.strings(rs, "aliases"));
      names.add(rs.getString("guardian_name"));
      names.addAll(Db.strings(rs, "merged_names"));
      names.removeIf(n -> n == null || n.isBlank());
      List<String> numbers = new ArrayList<>();
      numbers.add(rs.getString("dossier_number"));
      numbers.add(rs.getString("guardian_phone"));
      numbers.addAll(Db.strings(rs, "case_codes"));
      numbers.addAll(Db.strings(rs, "police_references"));
      numbers.removeIf(n -> n == null || n.isBlank());
      LocalDate born = rs.getObject("date_of_birth", LocalDate.class);
      String keptDigest = rs.getString("source_sha256");
      return new Recorded(
          Db.uuid(rs, "case_id"),
          rs.getBoolean("consent_to_research"),
          rs.getString("reasons_text"),
          rs.getString("child_statement"),
          rs.getBoolean("erased"),
          names,
          numbers,
          born == null ? List.of() : List.of(born),
          Db.uuid(rs, "home_id"),
          keptDigest,
          keptDigest == null
              ? null
              : new Texts(rs.getString("kept_reasons_text"), rs.getString("kept_child_statement")));
    }

    StatementRedaction.Known known(Map<UUID, HomeView> homes) {
      HomeView home = homeId == null ? null : homes.get(homeId);
      List<String> places = new ArrayList<>();
      List<String> allNumbers = new ArrayList<>(numbers);
      if (home != null) {
        places.add(home.name());
        places.add(home.address());
        if (home.phone() != null) {
          allNumbers.add(home.phone());
        }
      }
      places.removeIf(p -> p == null || p.isBlank());
      return new StatementRedaction.Known(names, places, allNumbers, dates);
    }
  }

  /** The digest of the words as recorded, so that a correction is noticed. */
  static String digest(String reasonsText, String childStatement) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.valueOf(reasonsText).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(childStatement).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
