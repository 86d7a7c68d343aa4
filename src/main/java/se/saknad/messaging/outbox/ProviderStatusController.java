package se.saknad.messaging.outbox;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * What the coordinator's page shows about the SMS provider: whether it answers, since when it does
 * not, how many alert messages wait, and the notices to the coordinators that wait with them (so a
 * failure notice held up by the same outage is still seen).
 */
@Controller("/api/v1/sms/provider")
@Secured({"ADMIN", "COORDINATOR"})
class ProviderStatusController {
  @Serdeable
  record WaitingNotice(String text, Instant queuedAt) {}

  @Serdeable
  record ProviderStatus(
      String status,
      Instant failingSince,
      long waitingAlerts,
      long waiting,
      List<WaitingNotice> waitingNotices) {}

  private final ProviderHealth health;
  private final Outbox outbox;

  ProviderStatusController(ProviderHealth health, Outbox outbox) {
    this.health = health;
    this.outbox = outbox;
  }

  @Get
  ProviderStatus status() {
    ProviderHealth.Snapshot now = health.snapshot();
    Outbox.Waiting waiting = outbox.waiting();
    return new ProviderStatus(
        now.state().name(),
        now.failingSince(),
        waiting.alerts(),
        waiting.all(),
        outbox.waitingNotices().stream()
            .map(n -> new WaitingNotice(n.text(), n.queuedAt()))
            .toList());
  }
}
