package se.saknad.cases;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.time.Instant;

/**
 * The radius of a search area: a start by risk grade, widened while the child stays missing, up to
 * a maximum (product brief, "Geo-scoping"). Every figure is configuration.
 */
@ConfigurationProperties("saknad.search-area")
public record SearchAreaPolicy(
    long highMeters,
    long elevatedMeters,
    long standardMeters,
    long growthMetersPerHour,
    long maxMeters) {

  public long radiusMeters(CaseApi.RiskLevel risk, Instant lastSeen, Instant now) {
    long start =
        switch (risk) {
          case HIGH -> highMeters;
          case ELEVATED -> elevatedMeters;
          case STANDARD -> standardMeters;
        };
    long hours = Math.max(0, Duration.between(lastSeen, now).toHours());
    return Math.min(maxMeters, start + hours * growthMetersPerHour);
  }
}
