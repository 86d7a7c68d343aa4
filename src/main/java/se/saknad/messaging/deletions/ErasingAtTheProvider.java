package se.saknad.messaging.deletions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.Workers;
import se.saknad.messaging.provider.SmsGateway;

/**
 * Deletes erased messages at the provider, outside any transaction, one request per message. What
 * fails is tried again later (see {@link ProviderErasures}); the administrators see what keeps
 * failing at {@code GET /api/v1/sms/erasures?status=FAILING} and in the metric
 * saknad.sms.erasures.failing.
 */
@Singleton
public class ErasingAtTheProvider {
  private static final Logger LOG = LoggerFactory.getLogger(ErasingAtTheProvider.class);

  private final ProviderErasures erasures;
  private final SmsGateway gateway;
  private final MeterRegistry meters;
  private final Clock clock;

  ErasingAtTheProvider(
      ProviderErasures erasures, SmsGateway gateway, MeterRegistry meters, Clock clock) {
    this.erasures = erasures;
    this.clock = clock;
    this.gateway = gateway;
    this.meters = meters;
    Gauge.builder("saknad.sms.erasures.failing", erasures, ProviderErasures::failing)
        .description("deletions at the provider that failed repeatedly and are still retried")
        .register(meters);
  }

  /** A round of the supervised job (see DeletionJob): a failure is the supervisor's to log. */
  void scheduled() {
    eraseDue();
  }

  /**
   * Works off every deletion due now (a refused one waits for its next turn, not this run); returns
   * how many were confirmed.
   */
  public int eraseDue() {
    int erased = 0;
    Instant dueAt = clock.instant();
    List<String> batch;
    while (!(batch = erasures.claim(50, dueAt)).isEmpty()) {
      for (String sid : batch) {
        SmsGateway.Erasure result;
        try {
          result = gateway.erase(sid);
        } catch (RuntimeException e) {
          result = new SmsGateway.NotErased(e.getClass().getSimpleName());
        }
        if (result instanceof SmsGateway.Erased) {
          erasures.erased(sid);
          meters.counter("saknad.sms.erasures", "outcome", "erased").increment();
          erased++;
        } else if (result instanceof SmsGateway.NotErased not) {
          erasures.notErased(sid, not.reason());
          meters.counter("saknad.sms.erasures", "outcome", "retried").increment();
          LOG.warn(
              "A message could not be deleted at the provider ({}); retrying later", not.reason());
        }
      }
      Workers.progressing();
    }
    return erased;
  }
}
