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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.saknad.audit.AuditTrail;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.research.Redactions;
import se.saknad.security.Caller;

/**
 * The children's own words for the report: only statements of children who consented to research,
 * redacted before anyone is asked to approve them ({@code research.Redactions}: names, addresses,
 * phones, e-mail, dossier and case numbers, dates), and only once a researcher approved that very
 * redacted text for publication. The text as recorded never leaves research. A quote is known by
 * its own id, never by the case's. Approving and withdrawing are audited.
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

  /** Consenting statements, with the digest of the text the approval (if any) was given for. */
  private static final String CONSENTING =
      """
      SELECT q.id, q.case_id, d.last_seen_at, b.language, q.approved_sha256, q.approved_at
      FROM report_quote q
      JOIN debrief b ON b.case_id = q.case_id
      JOIN disappearance_case d ON d.id = q.case_id
      WHERE b.consent_to_research AND b.child_statement <> ''
      """;

  /** A quote as stored, before its redacted text is joined to it. */
  private record Stored(
      UUID id,
      UUID caseId,
      @Nullable String language,
      @Nullable String approvedSha256,
      @Nullable Instant approvedAt) {}

  private final Db db;
  private final AuditTrail audit;
  private final Clock clock;
  private final Redactions redactions;

  Quotes(Db db, AuditTrail audit, Clock clock, Redactions redactions) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.redactions = redactions;
  }

  /** Every consenting statement, oldest disappearance first, for the researcher's approval. */
  public List<Quote> list(Caller caller, String endpoint) {
    // A statement gets its quote id the first time it is listed.
    db.update(
        "INSERT INTO report_quote (id, case_id) SELECT gen_random_uuid(), b.case_id FROM debrief b"
            + " WHERE b.consent_to_research AND b.child_statement <> ''"
            + " ON CONFLICT (case_id) DO NOTHING");
    audit.record(caller, "RESEARCH_QUOTES_READ", null, null, endpoint);
    return redacted(db.list(CONSENTING + " ORDER BY d.last_seen_at, q.id", Quotes::stored));
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

  /**
   * Approved statements of cases whose child was last seen in [from, to), for the report: the
   * redacted text, and only while it is the text that was approved.
   */
  List<Quote> approved(Instant from, Instant to) {
    return redacted(
            db.list(
                CONSENTING
                    + " AND q.approved_sha256 IS NOT NULL AND d.last_seen_at >= ?"
                    + " AND d.last_seen_at < ? ORDER BY d.last_seen_at, q.id",
                Quotes::stored,
                from,
                to))
        .stream()
        .filter(Quote::approved)
        .toList();
  }

  private Quote require(UUID id) {
    return db.one(CONSENTING + " AND q.id = ? FOR UPDATE OF q", Quotes::stored, id)
        .map(stored -> redacted(List.of(stored)))
        .filter(quotes -> !quotes.isEmpty())
        .map(quotes -> quotes.get(0))
        .orElseThrow(() -> ProblemException.notFound("quote"));
  }

  /** The quotes with their redacted text; approved only when the approval was for that text. */
  private List<Quote> redacted(List<Stored> stored) {
    Map<UUID, String> texts = redactions.statementsOf(stored.stream().map(Stored::caseId).toList());
    List<Quote> quotes = new ArrayList<>();
    for (Stored s : stored) {
      String text = texts.get(s.caseId());
      if (text == null || text.isEmpty()) {
        continue; // nothing that may be published (words kept from before an erasure are gone)
      }
      boolean approved = s.approvedSha256() != null && s.approvedSha256().equals(sha256(text));
      quotes.add(new Quote(s.id(), s.language(), text, approved, approved ? s.approvedAt() : null));
    }
    return quotes;
  }

  private UUID caseOf(UUID id) {
    return db.one("SELECT case_id FROM report_quote WHERE id = ?", rs -> Db.uuid(rs, "case_id"), id)
        .orElseThrow();
  }

  private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Stored(
        Db.uuid(rs, "id"),
        Db.uuid(rs, "case_id"),
        rs.getString("language"),
        rs.getString("approved_sha256"),
        Db.instant(rs, "approved_at"));
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
