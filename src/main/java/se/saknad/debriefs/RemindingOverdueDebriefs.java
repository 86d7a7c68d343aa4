package se.saknad.debriefs;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import se.saknad.alerts.Alerting;
import se.saknad.cases.Cases;
import se.saknad.common.Workers;
import se.saknad.recipients.Recipients;

/**
 * When a debrief becomes overdue, the social services of the child's responsible municipality get
 * one reminder SMS through the outbox. It names the case code only, never the child.
 */
@Singleton
class RemindingOverdueDebriefs {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d/M HH:mm").withZone(se.saknad.common.Sweden.ZONE);

  private final CasesAwaitingDebrief awaiting;
  private final Recipients recipients;
  private final Alerting alerting;
  private final Cases cases;

  private final Workers workers;
  private final Duration initialDelay;
  private final Duration interval;

  RemindingOverdueDebriefs(
      CasesAwaitingDebrief awaiting,
      Recipients recipients,
      Alerting alerting,
      Cases cases,
      Workers workers,
      @Value("${saknad.debriefs.reminder-initial-delay:2m}") Duration initialDelay,
      @Value("${saknad.debriefs.reminder-interval:15m}") Duration interval) {
    this.awaiting = awaiting;
    this.recipients = recipients;
    this.alerting = alerting;
    this.cases = cases;
    this.workers = workers;
    this.initialDelay = initialDelay;
    this.interval = interval;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("debrief-reminders", initialDelay, interval, this::remindDue);
  }

  /** Sends the reminders now due; returns how many cases were reminded. */
  @Transactional
  int remindDue() {
    int reminded = 0;
    for (var c : awaiting.dueForReminder()) {
      // Two instances may both find the case: the one that locks its row reminds, and the other,
      // once that has committed, finds it reminded.
      if (!cases.tryLock(c.caseId()) || !awaiting.stillDueForReminder(c.caseId())) {
        continue;
      }
      String body =
          "SAKNAD: återkomstsamtalet i ärende "
              + c.caseCode()
              + " skulle ha hållits senast "
              + WHEN.format(c.debriefDueBy())
              + ". Registrera samtalet i Saknad.";
      alerting.queueNotice(
          c.caseId(), recipients.socialServicesOf(c.responsibleMunicipalityCode()), body);
      cases.markDebriefReminded(c.caseId());
      reminded++;
    }
    return reminded;
  }
}
