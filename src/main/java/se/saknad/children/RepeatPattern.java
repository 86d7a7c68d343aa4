package se.saknad.children;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * The repeat-missing pattern: a child gone {@code saknad.repeat.episodes} times (3) within {@code
 * saknad.repeat.window} (90 days) is a repeat, which the national indicator list counts as a sign
 * of exploitation ("often disappears without explanation"). Local protocols set both numbers, not
 * the law, so both are configuration. An episode counts by when the child was last seen, so one
 * recorded late counts like any other.
 */
@Singleton
@Transactional
public class RepeatPattern {
  /** How many cases the child had in the window, and whether that makes a repeat. */
  @Serdeable
  public record Pattern(int episodesLast90Days, boolean repeat) {}

  private final Db db;
  private final Clock clock;
  private final int episodes;
  private final Duration window;

  RepeatPattern(
      Db db,
      Clock clock,
      @Value("${saknad.repeat.episodes:3}") int episodes,
      @Value("${saknad.repeat.window:90d}") Duration window) {
    this.db = db;
    this.clock = clock;
    this.episodes = episodes;
    this.window = window;
  }

  /** The pattern now: the cases last seen within the window before now. */
  public Pattern now(UUID childId) {
    return at(childId, clock.instant());
  }

  /** The pattern at {@code at}: the cases last seen within the window up to and including it. */
  public Pattern at(UUID childId, Instant at) {
    int n =
        db.one(
                "SELECT count(*) FROM disappearance_case WHERE child_id = ?"
                    + " AND last_seen_at > ? AND last_seen_at <= ? AND status <> 'WITHDRAWN'",
                rs -> rs.getInt(1),
                childId,
                at.minus(window),
                at)
            .orElse(0);
    return of(n);
  }

  /** The pattern of {@code n} episodes in the window. */
  public Pattern of(int n) {
    return new Pattern(n, n >= episodes);
  }

  /**
   * How many children went missing as a repeat from {@code start} (inclusive) to {@code end}
   * (exclusive): a case of theirs last seen then had, counting itself, {@code
   * saknad.repeat.episodes} cases last seen within {@code saknad.repeat.window} up to it. Withdrawn
   * reports count nowhere. One statement, for the statistics.
   */
  public long childrenRepeatingBetween(Instant start, Instant end) {
    return db.one(
            """
            SELECT count(DISTINCT d.child_id) FROM disappearance_case d
            WHERE d.last_seen_at >= ? AND d.last_seen_at < ? AND d.status <> 'WITHDRAWN'
              AND (SELECT count(*) FROM disappearance_case e
                   WHERE e.child_id = d.child_id AND e.status <> 'WITHDRAWN'
                     AND e.last_seen_at > d.last_seen_at - ? * interval '1 second'
                     AND e.last_seen_at <= d.last_seen_at) >= ?
            """,
            rs -> rs.getLong(1),
            start,
            end,
            window.toSeconds(),
            episodes)
        .orElse(0L);
  }

  /** Where the window of now begins, for counting in SQL. */
  Instant windowStart() {
    return clock.instant().minus(window);
  }
}
