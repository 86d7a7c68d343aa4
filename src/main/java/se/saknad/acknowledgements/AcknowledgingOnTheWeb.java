package se.saknad.acknowledgements;

import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.saknad.cases.CaseAcknowledgements;
import se.saknad.cases.CaseApi;
import se.saknad.cases.Cases;
import se.saknad.common.Db;
import se.saknad.common.ProblemException;
import se.saknad.recipients.Recipients;
import se.saknad.security.Caller;

/**
 * The "Kvittera" button: a signed-in person bound to an alerted recipient acknowledges for that
 * recipient, and for no other (not the other police desks of the region), with the same effect and
 * audit as "OK 4821" by SMS, channel WEB. Who acts for no recipient is told how to be bound to one.
 */
@Singleton
@Transactional
public class AcknowledgingOnTheWeb implements CaseAcknowledgements {
  @Serdeable
  public record Result(
      UUID caseId,
      String code,
      String outcome,
      List<UUID> recipientIds,
      List<CaseApi.Acknowledgement> acknowledgements) {}

  private final Db db;
  private final Cases cases;
  private final Recipients recipients;
  private final AcknowledgementEffect effect;

  AcknowledgingOnTheWeb(Db db, Cases cases, Recipients recipients, AcknowledgementEffect effect) {
    this.db = db;
    this.cases = cases;
    this.recipients = recipients;
    this.effect = effect;
  }

  public Result acknowledge(Caller caller, UUID caseId, String endpoint) {
    Cases.CaseFacts kase = cases.readableFacts(caller, caseId);
    if (caller.recipientId() == null
        || recipients
            .misfitFor(
                caller.recipientId(),
                caller.role(),
                caller.municipalityCode(),
                caller.policeRegion())
            .isPresent()) {
      // No binding, or one that does not fit (made before bindings were checked, or the
      // recipient's area has changed since).
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "no-bound-recipient",
          "Your account acts for no recipient",
          "An acknowledgement speaks for the recipient your account is bound to, and yours is bound"
              + " to none that fits your role: ask an administrator to bind it to your police desk or social services"
              + " (Användare, the recipient of the account), then sign in again. Until then,"
              + " acknowledge by replying to the alert SMS.",
          null,
          null);
    }
    List<UUID> mine = alertedRecipientsOf(caller, caseId);
    if (mine.isEmpty()) {
      throw ProblemException.forbidden(
          "only a recipient that was alerted about the case acknowledges");
    }
    if (kase.status() != CaseApi.Status.MISSING && kase.status() != CaseApi.Status.LOCATED) {
      throw ProblemException.conflict(
          "case-not-open",
          "The case is not open",
          "the case is " + kase.status(),
          Map.of("status", kase.status().name()));
    }
    // The same rule as the SMS reply: an earlier acknowledgement is kept and named.
    boolean already =
        !db.list(
                "SELECT id FROM delivery WHERE case_id = ? AND recipient_id = ANY (?::uuid[])"
                    + " AND alert_id IS NOT NULL AND acknowledged_at IS NOT NULL FOR UPDATE",
                rs -> Db.uuid(rs, "id"),
                caseId,
                mine)
            .isEmpty();
    for (UUID recipient : mine) {
      effect.apply(
          caseId,
          kase.childId(),
          recipient,
          null,
          AcknowledgementEffect.Channel.WEB,
          caller,
          endpoint);
    }
    return new Result(
        caseId,
        kase.code(),
        already ? "ALREADY_ACKNOWLEDGED" : "ACKNOWLEDGED",
        mine,
        acknowledgements(caseId));
  }

  @Override
  public List<CaseApi.Acknowledgement> acknowledgements(UUID caseId) {
    return acknowledgements(List.of(caseId)).getOrDefault(caseId, List.of());
  }

  @Override
  public Map<UUID, List<CaseApi.Acknowledgement>> acknowledgements(
      java.util.Collection<UUID> caseIds) {
    Map<UUID, List<CaseApi.Acknowledgement>> byCase = new java.util.HashMap<>();
    if (caseIds.isEmpty()) {
      return byCase;
    }
    record Row(UUID caseId, UUID recipientId, String kind, String channel, java.time.Instant at) {}
    List<Row> rows =
        db.list(
            """
            SELECT DISTINCT ON (a.case_id, a.recipient_id, a.channel) a.case_id, a.recipient_id,
                   a.channel, a.at, coalesce(d.recipient_kind, 'GUARDIAN') AS kind
            FROM acknowledgement a
            LEFT JOIN LATERAL (SELECT recipient_kind FROM delivery WHERE case_id = a.case_id
                               AND recipient_id = a.recipient_id LIMIT 1) d ON true
            WHERE a.case_id = ANY (?::uuid[]) ORDER BY a.case_id, a.recipient_id, a.channel, a.at
            """,
            rs ->
                new Row(
                    Db.uuid(rs, "case_id"),
                    Db.uuid(rs, "recipient_id"),
                    rs.getString("kind"),
                    rs.getString("channel"),
                    Db.instant(rs, "at")),
            caseIds);
    Map<UUID, String> names =
        recipients.names(
            rows.stream().map(Row::recipientId).filter(java.util.Objects::nonNull).toList());
    for (Row row : rows) {
      byCase
          .computeIfAbsent(row.caseId(), k -> new ArrayList<>())
          .add(
              new CaseApi.Acknowledgement(
                  row.recipientId(),
                  row.recipientId() == null ? "God man" : names.getOrDefault(row.recipientId(), ""),
                  row.kind(),
                  row.channel(),
                  row.at()));
    }
    byCase
        .values()
        .forEach(l -> l.sort(java.util.Comparator.comparing(CaseApi.Acknowledgement::at)));
    return byCase;
  }

  @Override
  public boolean mayAcknowledge(Caller caller, UUID caseId) {
    return !alertedRecipientsOf(caller, caseId).isEmpty();
  }

  @Override
  public java.util.Set<UUID> mayAcknowledge(Caller caller, java.util.Collection<UUID> caseIds) {
    List<UUID> candidates = speaksFor(caller);
    if (candidates.isEmpty() || caseIds.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(
        db.list(
            "SELECT DISTINCT case_id FROM delivery WHERE case_id = ANY (?::uuid[])"
                + " AND alert_id IS NOT NULL AND recipient_id = ANY (?::uuid[])",
            rs -> Db.uuid(rs, "case_id"),
            caseIds,
            candidates));
  }

  /**
   * The recipient the caller speaks for: the one their account is bound to (checked against the
   * role when the binding was made), none otherwise.
   */
  private static List<UUID> speaksFor(Caller caller) {
    return caller.recipientId() == null ? List.of() : List.of(caller.recipientId());
  }

  /** The recipients alerted about the case that the caller speaks for. */
  private List<UUID> alertedRecipientsOf(Caller caller, UUID caseId) {
    List<UUID> candidates = speaksFor(caller);
    if (candidates.isEmpty()) {
      return List.of();
    }
    return db.list(
        "SELECT DISTINCT recipient_id FROM delivery WHERE case_id = ? AND alert_id IS NOT NULL"
            + " AND recipient_id = ANY (?::uuid[]) ORDER BY recipient_id",
        rs -> Db.uuid(rs, "recipient_id"),
        caseId,
        candidates);
  }
}
