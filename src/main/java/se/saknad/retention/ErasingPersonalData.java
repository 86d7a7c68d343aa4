package se.saknad.retention;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.children.ErasingChildRecords;
import se.saknad.common.Workers;
import se.saknad.messaging.outbox.ErasingMessages;

/**
 * Finds the children whose personal data has been kept long enough and erases each of them in its
 * own transaction ({@link ErasingOneChild}). The retention period ({@code
 * saknad.retention.personal-data}, two years by default) is this job's; from when it runs (the last
 * case closed, the placement's end, the 21st birthday) is the children's rule, written beside the
 * rows it reads ({@link ErasingChildRecords}), so the job only says where the cutoff lies. Records
 * merged into another are erased together with the record they were merged into.
 */
@Singleton
public class ErasingPersonalData {
  private static final Logger LOG = LoggerFactory.getLogger(ErasingPersonalData.class);

  private final ErasingChildRecords childRecords;
  private final ErasingOneChild eraser;
  private final ErasingMessages messages;
  private final Clock clock;
  private final Duration keepFor;
  private final Workers workers;
  private final Duration initialDelay;
  private final Duration interval;

  ErasingPersonalData(
      ErasingChildRecords childRecords,
      ErasingOneChild eraser,
      ErasingMessages messages,
      Clock clock,
      Workers workers,
      @Value("${saknad.retention.personal-data:730d}") Duration keepFor,
      @Value("${saknad.retention.initial-delay:5m}") Duration initialDelay,
      @Value("${saknad.retention.interval:6h}") Duration interval) {
    this.childRecords = childRecords;
    this.eraser = eraser;
    this.messages = messages;
    this.clock = clock;
    this.keepFor = keepFor;
    this.workers = workers;
    this.initialDelay = initialDelay;
    this.interval = interval;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("retention", initialDelay, interval, this::scheduled);
  }

  void scheduled() {
    int erased = eraseExpired();
    if (erased > 0) {
      LOG.info("Retention: erased the personal data of {} children", erased);
    }
  }

  /** Erases every child now past the retention period; returns how many. */
  public int eraseExpired() {
    Instant cutoff = clock.instant().minus(keepFor);
    int erased = 0;
    for (UUID child : childRecords.dueForErasure(cutoff)) {
      if (eraser.erase(child, cutoff)) {
        erased++;
      }
      // A first run over years of records takes long: one child at a time is progress.
      Workers.progressing();
    }
    // Replies that concerned no case are kept as long as a child's data, then erased too.
    messages.eraseUnmatchedInboundBefore(cutoff);
    return erased;
  }
}
