package se.saknad.common;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value gauges read from the database, read again at most once per {@code freshFor} however often
 * and by however many scrapers the metrics are fetched. Empty when the last reading failed (the
 * gauges then report NaN rather than failing the scrape).
 */
public final class GaugeReading<T> {
  private static final Logger LOG = LoggerFactory.getLogger(GaugeReading.class);

  private final LoadingCache<Boolean, Optional<T>> cache;

  public GaugeReading(Duration freshFor, String what, Supplier<T> read) {
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(freshFor)
            .build(
                k -> {
                  try {
                    return Optional.of(read.get());
                  } catch (RuntimeException e) {
                    LOG.warn("{} could not be read ({})", what, e.getClass().getSimpleName());
                    return Optional.empty();
                  }
                });
  }

  public Optional<T> get() {
    return cache.get(Boolean.TRUE);
  }
}
