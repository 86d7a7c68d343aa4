package se.saknad.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Sweden's civil time, the one zone of the service: days, ages, periods and texts are Swedish days
 * and hours, while the database keeps instants in UTC.
 */
public final class Sweden {
  public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

  /** {@link #ZONE} as an SQL literal, for {@code AT TIME ZONE}. */
  public static final String ZONE_SQL = "'Europe/Stockholm'";

  private Sweden() {}

  /** The Swedish calendar day an instant falls on. */
  public static LocalDate dayOf(Instant at) {
    return LocalDate.ofInstant(at, ZONE);
  }

  /** Today in Sweden by the service's clock. */
  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(ZONE));
  }

  /** The first instant of a Swedish day. */
  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZONE).toInstant();
  }
}
