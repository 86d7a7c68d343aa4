package se.saknad.debriefs;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import se.saknad.alerts.Alerting;
import se.saknad.cases.Cases;
import se.saknad.common.Db;
import se.saknad.recipients.Recipients;

/**
 * When a debrief becomes overdue, the social services of the child's responsible municipality get
 * one reminder SMS through the outbox. It names the case code only, never the child.
 */
@Singleton
class RemindingOverdueDebriefs {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d/M HH:mm").withZone(se.saknad.common.Sweden.ZONE);

  private final Db db;
  private final Recipients recipients;
  private final Alerting alerting;
  private final Clock clock;
  private final Cases cases;

  RemindingOverdueDebriefs(
      Db db, Recipients recipients, Alerting alerting, Clock clock, Cases cases) {
    this.cases = cases;
    this.db = db;
    this.recipients = recipients;
    this.alerting = alerting;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelay = "${saknad.debriefs.reminder-interval:15m}",
      initialDelay = "${saknad.debriefs.reminder-initial-delay:2m}")
  void scheduled() {
    remindDue();
  }

  /** Sends the reminders now due; returns how many cases were reminded. */
  @Transactional
  int remindDue() {
    var due =
        db.list(
            Debriefs.OVERDUE + " AND d.debrief_reminded_at IS NULL FOR UPDATE OF d SKIP LOCKED",
            Debriefs::overdueRow,
            clock.instant());
    for (var c : due) {
      String body =
          "SAKNAD: återkomstsamtalet i ärende "
              + c.caseCode()
              + " skulle ha hållits senast "
              + WHEN.format(c.debriefDueBy())
              + ". Registrera samtalet i Saknad.";
      alerting.queueNotice(
          c.caseId(), recipients.socialServicesOf(c.responsibleMunicipalityCode()), body);
      cases.markDebriefReminded(c.caseId());
    }
    return due.size();
  }
}
