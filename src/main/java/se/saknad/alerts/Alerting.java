package se.saknad.alerts;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.saknad.cases.AlertApi.AlertView;
import se.saknad.cases.AlertApi.AlertedRecipient;
import se.saknad.cases.AlertApi.DeliveryView;
import se.saknad.cases.AlertApi.FirstAlert;
import se.saknad.cases.CaseAlerts;
import se.saknad.cases.CaseEvents;
import se.saknad.cases.Cases;
import se.saknad.cases.Cases.CaseFacts;
import se.saknad.common.Db;
import se.saknad.messaging.outbox.EnqueuingMessages;
import se.saknad.messaging.outbox.EnqueuingMessages.Message;
import se.saknad.recipients.RecipientApi.ContactView;
import se.saknad.recipients.RecipientApi.SqlQuery;
import se.saknad.recipients.RecipientApi.Target;
import se.saknad.recipients.Recipients;

/**
 * Decides who is told what about a case and writes it to the outbox, in the transaction of the
 * change that caused it: the first Alert when a case opens, an Update to the recipients newly in
 * scope when a sighting moves the search or time widens it, a Cancel to everyone told before when
 * the child is back.
 */
@Singleton
@Transactional
public class Alerting implements CaseAlerts {
  static final String GUARDIAN_KEY = "guardian:";

  private final Db db;
  private final Cases cases;
  private final Recipients recipients;
  private final AlertTexts texts;
  private final Clock clock;
  private final EnqueuingMessages outbox;

  Alerting(
      Db db,
      Cases cases,
      Recipients recipients,
      AlertTexts texts,
      Clock clock,
      EnqueuingMessages outbox) {
    this.db = db;
    this.cases = cases;
    this.recipients = recipients;
    this.texts = texts;
    this.clock = clock;
    this.outbox = outbox;
  }

  @EventListener
  void onOpened(CaseEvents.CaseOpened event) {
    alertNewAudience(event.caseId(), AlertKind.ALERT, "REPORTED");
  }

  @EventListener
  void onSighting(CaseEvents.SightingAdded event) {
    alertNewAudience(event.caseId(), AlertKind.UPDATE, "SIGHTING");
  }

  @EventListener
  void onReturned(CaseEvents.ChildReturned event) {
    CaseFacts c = cases.facts(event.caseId()).orElseThrow();
    cancel(c, "RETURNED", texts.cancel(c));
  }

  @EventListener
  void onWithdrawn(CaseEvents.ReportWithdrawn event) {
    CaseFacts c = cases.facts(event.caseId()).orElseThrow();
    cancel(c, "WITHDRAWN", texts.withdrawn(c));
  }

  /** Sends an Update to whoever the widened area now reaches; nothing when nobody is new. */
  public Optional<UUID> widen(UUID caseId) {
    return alertNewAudience(caseId, AlertKind.UPDATE, "WIDENED");
  }

  /**
   * The alert, who it newly reaches and one delivery per reachable recipient, written by one
   * statement: the scoping query (recipients), the alert and case_audience rows (here) and the
   * deliveries (sms) are common table expressions of one INSERT ... SELECT. A case's first alert
   * has no audience yet; later ones reach only the newly covered, and are not written at all when
   * nobody is new. A recipient whose contacts all opted out or left is in the audience without a
   * delivery (the coordinators heard of the opt-out when it happened).
   */
  private Optional<UUID> alertNewAudience(UUID caseId, AlertKind kind, String reason) {
    CaseFacts c = cases.facts(caseId).orElseThrow();
    var area = c.searchArea();
    UUID alertId = UUID.randomUUID();
    SqlQuery scope =
        recipients.inScopeWithFirstContact(
            area.center(), area.radiusMeters(), c.responsibleMunicipalityCode());
    List<Object> params = new ArrayList<>(scope.params());
    params.addAll(
        java.util.Arrays.asList(
            GUARDIAN_KEY,
            c.guardianPhone(),
            caseId,
            alertId,
            caseId,
            kind.msgType,
            reason,
            area.center(),
            area.radiusMeters(),
            clock.instant(),
            caseId,
            kind == AlertKind.ALERT,
            caseId,
            alertId,
            // the deliveries
            caseId,
            alertId,
            texts.alert(c, kind, true),
            texts.alert(c, kind)));
    int queued =
        outbox.enqueueSelected(
            kind == AlertKind.ALERT
                ? EnqueuingMessages.Lane.FIRST_ALERT
                : EnqueuingMessages.Lane.OTHER,
            """
            scope AS (%s),
            audience AS (
              SELECT s.id::text AS audience_key, s.id AS recipient_id, s.kind,
                     s.acknowledgement_required, s.contact_id, s.phone
              FROM scope s
              UNION ALL
              SELECT ?::text || g.phone, NULL, 'GUARDIAN', false, NULL, g.phone
              FROM (SELECT ?::text AS phone) g WHERE g.phone IS NOT NULL),
            new_audience AS (
              SELECT a.* FROM audience a
              WHERE NOT EXISTS (SELECT 1 FROM case_audience x
                                WHERE x.case_id = ? AND x.audience_key = a.audience_key)),
            new_alert AS (
              INSERT INTO alert (id, case_id, sequence, msg_type, reason, center, radius_meters,
                                 created_at)
              SELECT ?, ?, coalesce(max(sequence), 0) + 1, ?, ?, ST_GeogFromText(?), ?, ?
              FROM alert WHERE case_id = ?
              HAVING ?::boolean OR EXISTS (SELECT 1 FROM new_audience)
              RETURNING id),
            audience_rows AS (
              INSERT INTO case_audience (case_id, audience_key, recipient_id, first_alert_id)
              SELECT ?, audience_key, recipient_id, ? FROM new_audience
              RETURNING 1)
            """
                .formatted(scope.sql()),
            "SELECT ?::uuid AS case_id, ?::uuid AS alert_id, recipient_id, contact_id,"
                + " kind AS recipient_kind, phone,"
                // a repeat case says so to social services (see AlertTexts)
                + " CASE WHEN kind = 'SOCIAL_SERVICES' THEN ?::text ELSE ?::text END AS body,"
                + " acknowledgement_required AS ack_required"
                // partner systems take the alert from their CAP feed, never by SMS
                + " FROM new_audience WHERE phone IS NOT NULL AND kind <> 'PARTNER'",
            params.toArray());
    if (queued > 0
        || kind == AlertKind.ALERT
        || db.exists("SELECT 1 FROM alert WHERE id = ?", alertId)) {
      return Optional.of(alertId);
    }
    return Optional.empty();
  }

  private void cancel(CaseFacts c, String reason, String body) {
    UUID alertId = newAlert(c, AlertKind.CANCEL, reason);
    outbox.enqueueCancel(c.id(), alertId, body);
  }

  private UUID newAlert(CaseFacts c, AlertKind kind, String reason) {
    UUID id = UUID.randomUUID();
    db.update(
        "INSERT INTO alert (id, case_id, sequence, msg_type, reason, center, radius_meters, created_at)"
            + " SELECT ?, ?, coalesce(max(sequence), 0) + 1, ?, ?, ST_GeogFromText(?), ?, ?"
            + " FROM alert WHERE case_id = ?",
        id,
        c.id(),
        kind.msgType,
        reason,
        c.searchArea().center(),
        c.searchArea().radiusMeters(),
        clock.instant(),
        c.id());
    return id;
  }

  /**
   * Queues a message about a case that is not an alert (a reminder) to each recipient's first
   * reachable contact; returns how many were queued.
   */
  public int queueNotice(UUID caseId, List<Target> targets, String body) {
    Map<UUID, ContactView> contacts =
        recipients.firstReachableContacts(targets.stream().map(Target::id).toList());
    List<Message> messages = new ArrayList<>();
    for (Target t : targets) {
      ContactView c = contacts.get(t.id());
      if (c != null) {
        messages.add(
            new Message(caseId, null, t.id(), c.id(), t.kind().name(), c.phone(), body, false));
      }
    }
    return outbox.enqueueAll(messages).size();
  }

  /**
   * Who the first alert reached (parameters: case, alert, case, alert). The case narrows the read
   * to the case's own audience rows through the primary key: filtered by the alert alone it read
   * the whole table, which grows by some twenty rows a report.
   */
  static final String FIRST_AUDIENCE =
      "SELECT r.id, r.name, r.kind FROM case_audience a JOIN recipient r ON r.id = a.recipient_id"
          + " WHERE a.case_id = ? AND a.first_alert_id = ?"
          + " UNION ALL SELECT NULL, 'God man', 'GUARDIAN' FROM case_audience a"
          + " WHERE a.case_id = ? AND a.first_alert_id = ? AND a.recipient_id IS NULL";

  @Override
  public FirstAlert firstAlert(UUID caseId) {
    return db.one(
            "SELECT id FROM alert WHERE case_id = ? AND sequence = 1",
            rs -> Db.uuid(rs, "id"),
            caseId)
        .map(
            id ->
                new FirstAlert(
                    id,
                    db.list(
                        FIRST_AUDIENCE,
                        rs ->
                            new AlertedRecipient(
                                Db.uuid(rs, "id"), rs.getString("name"), rs.getString("kind")),
                        caseId,
                        id,
                        caseId,
                        id)))
        .orElse(null);
  }

  @Override
  public List<AlertView> alerts(UUID caseId, boolean withPhones) {
    return alerts(List.of(caseId), withPhones).getOrDefault(caseId, List.of());
  }

  @Override
  public Map<UUID, List<AlertView>> alerts(java.util.Collection<UUID> caseIds, boolean withPhones) {
    Map<UUID, List<AlertView>> byCase = new java.util.HashMap<>();
    if (caseIds.isEmpty()) {
      return byCase;
    }
    Map<UUID, List<DeliveryView>> deliveries = new LinkedHashMap<>();
    db.list(
            "SELECT v.*, coalesce(r.name, 'God man') AS recipient_name FROM delivery v"
                + " LEFT JOIN recipient r ON r.id = v.recipient_id"
                + " WHERE v.case_id = ANY (?::uuid[]) AND v.alert_id IS NOT NULL"
                + " ORDER BY v.created_at, v.recipient_kind",
            rs ->
                Map.entry(
                    Db.uuid(rs, "alert_id"),
                    new DeliveryView(
                        Db.uuid(rs, "id"),
                        Db.uuid(rs, "recipient_id"),
                        rs.getString("recipient_name"),
                        rs.getString("recipient_kind"),
                        withPhones ? rs.getString("phone") : null,
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getString("error_code"),
                        Db.instant(rs, "acknowledged_at"),
                        rs.getString("channel"))),
            caseIds)
        .forEach(
            e -> deliveries.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    db.list(
            "SELECT * FROM alert WHERE case_id = ANY (?::uuid[]) ORDER BY case_id, sequence",
            rs ->
                Map.entry(
                    Db.uuid(rs, "case_id"),
                    new AlertView(
                        Db.uuid(rs, "id"),
                        rs.getInt("sequence"),
                        rs.getString("msg_type"),
                        rs.getString("reason"),
                        Db.instant(rs, "created_at"),
                        rs.getLong("radius_meters"),
                        deliveries.getOrDefault(Db.uuid(rs, "id"), List.of()))),
            caseIds)
        .forEach(e -> byCase.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return byCase;
  }
}
