package se.saknad.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

/**
 * The children's own words for the report: only statements of children who consented to research,
 * and only once a researcher approved that very text for publication. A quote is known by its own
 * id, never by the case's. Approving and withdrawing are audited.
 */
@Singleton
@Transactional
public class Quotes {
  @Serdeable
  public record Quote(
      UUID id,
      @Nullable String language,
      String statement,
      boolean approved,
      @Nullable Instant approvedAt) {}

  /** Consenting statements with the text the approval (if any) was given for. */
  private static final String CONSENTING =
      """
      SELECT q.id, q.case_id, d.last_seen_at, b.language, b.child_statement, q.approved_at,
             q.approved_sha256 IS NOT NULL
               AND q.approved_sha256 = encode(sha256(convert_to(b.child_statement, 'UTF8')), 'hex')
               AS approved
      FROM report_quote q
      JOIN debrief b ON b.case_id = q.case_id
      JOIN disappearance_case d ON d.id = q.case_id
      WHERE b.consent_to_research AND b.child_statement <> ''
      """;

  private final Db db;
  private final AuditTrail audit;
  private final Clock clock;

  Quotes(Db db, AuditTrail audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** Every consenting statement, oldest disappearance first, for the researcher's approval. */
  public List<Quote> list(Caller caller, String endpoint) {
    // A statement gets its quote id the first time it is listed.
    db.update(
        "INSERT INTO report_quote (id, case_id) SELECT gen_random_uuid(), b.case_id FROM debrief b"
            + " WHERE b.consent_to_research AND b.child_statement <> ''"
            + " ON CONFLICT (case_id) DO NOTHING");
    audit.record(caller, "RESEARCH_QUOTES_READ", null, null, endpoint);
    return db.list(CONSENTING + " ORDER BY d.last_seen_at, q.id", Quotes::row);
  }

  public Quote approve(Caller caller, UUID id, String endpoint) {
    Quote quote = require(id);
    db.update(
        "UPDATE report_quote SET approved_sha256 = ?, approved_by = ?, approved_at = ? WHERE id = ?",
        sha256(quote.statement()),
        caller.userId(),
        clock.instant(),
        id);
    audit.record(caller, "QUOTE_APPROVED", null, caseOf(id), endpoint);
    return require(id);
  }

  public Quote withdraw(Caller caller, UUID id, String endpoint) {
    require(id);
    db.update(
        "UPDATE report_quote SET approved_sha256 = NULL, approved_by = NULL, approved_at = NULL"
            + " WHERE id = ?",
        id);
    audit.record(caller, "QUOTE_APPROVAL_WITHDRAWN", null, caseOf(id), endpoint);
    return require(id);
  }

  /** Approved statements of cases whose child was last seen in [from, to), for the report. */
  List<Quote> approved(Instant from, Instant to) {
    return db.list(
        "SELECT * FROM ("
            + CONSENTING
            + " AND d.last_seen_at >= ? AND d.last_seen_at < ?) x WHERE x.approved"
            + " ORDER BY x.last_seen_at, x.id",
        Quotes::row,
        from,
        to);
  }

  private Quote require(UUID id) {
    return db.one(CONSENTING + " AND q.id = ? FOR UPDATE OF q", Quotes::row, id)
        .orElseThrow(() -> ProblemException.notFound("quote"));
  }

  private UUID caseOf(UUID id) {
    return db.one("SELECT case_id FROM report_quote WHERE id = ?", rs -> Db.uuid(rs, "case_id"), id)
        .orElseThrow();
  }

  private static Quote row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Quote(
        Db.uuid(rs, "id"),
        rs.getString("language"),
        rs.getString("child_statement"),
        rs.getBoolean("approved"),
        rs.getBoolean("approved") ? Db.instant(rs, "approved_at") : null);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
