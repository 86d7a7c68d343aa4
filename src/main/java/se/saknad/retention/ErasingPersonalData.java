package se.saknad.retention;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.children.ErasingChildRecords;
import se.saknad.sms.ErasingMessages;

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

  ErasingPersonalData(
      ErasingChildRecords childRecords,
      ErasingOneChild eraser,
      ErasingMessages messages,
      Clock clock,
      @Value("${saknad.retention.personal-data:730d}") Duration keepFor) {
    this.childRecords = childRecords;
    this.eraser = eraser;
    this.messages = messages;
    this.clock = clock;
    this.keepFor = keepFor;
  }

  @Scheduled(fixedDelay = "${saknad.retention.interval:6h}", initialDelay = "5m")
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
    }
    // Replies that concerned no case are kept as long as a child's data, then erased too.
    messages.eraseUnmatchedInboundBefore(cutoff);
    return erased;
  }
}
