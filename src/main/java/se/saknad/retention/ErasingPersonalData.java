package se.saknad.retention;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.sms.ErasingMessages;

/**
 * Finds the children whose personal data has been kept long enough and erases each of them in its
 * own transaction ({@link ErasingOneChild}). The retention period ({@code
 * saknad.retention.personal-data}, two years by default) runs from the latest of: the last case
 * closed, and the day the placement ended. A child who never went missing is erased that long after
 * the placement ended, or after the 21st birthday when no end was recorded (no placement of an
 * unaccompanied child lasts beyond it). A child with a case that is not closed is never erased.
 * Records merged into another are erased together with the record they were merged into.
 */
@Singleton
public class ErasingPersonalData {
  private static final Logger LOG = LoggerFactory.getLogger(ErasingPersonalData.class);

  /**
   * Whether the child record {@code c} (one that was not merged away) is due: parameters are the
   * cutoff instant, then the cutoff day twice.
   */
  static final String DUE =
      """
      c.merged_into IS NULL AND c.erased_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM disappearance_case d WHERE d.child_id = c.id
                      AND (d.status <> 'CLOSED' OR d.closed_at IS NULL OR d.closed_at > ?))
      AND (c.placement_ended_on IS NULL OR c.placement_ended_on <= ?)
      AND (EXISTS (SELECT 1 FROM disappearance_case d WHERE d.child_id = c.id)
           OR least(c.placement_ended_on,
                    coalesce((c.date_of_birth + interval '21 years')::date,
                             make_date(c.estimated_birth_year + 22, 1, 1))) <= ?)
      """;

  private final ErasingOneChild eraser;
  private final ErasingMessages messages;
  private final Clock clock;
  private final Duration keepFor;

  ErasingPersonalData(
      ErasingOneChild eraser,
      ErasingMessages messages,
      Clock clock,
      @Value("${saknad.retention.personal-data:730d}") Duration keepFor) {
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
    java.time.LocalDate cutoffDay = se.saknad.common.Sweden.dayOf(cutoff);
    List<UUID> due = eraser.due(cutoff, cutoffDay);
    int erased = 0;
    for (UUID child : due) {
      if (eraser.erase(child, cutoff, cutoffDay)) {
        erased++;
      }
    }
    // Replies that concerned no case are kept as long as a child's data, then erased too.
    messages.eraseUnmatchedInboundBefore(cutoff);
    return erased;
  }
}
