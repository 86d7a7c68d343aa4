package se.saknad.messaging.outbox;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import se.saknad.messaging.provider.SmsGateway;

/**
 * The provider's pace. A real account sends about one message a second from a long number (more
 * from an alphanumeric sender or a short code) and queues the rest, refusing past its queue; a
 * queue at the provider is one that police deliveries, claimed first here, would wait behind. So
 * each sender is handed at most {@code saknad.sms.rate-per-second} messages a second, counted for
 * all instances together in PostgreSQL (one Bucket4j token bucket per sender in {@code
 * sms_sender_pace}), and messages take the senders in turn, which spreads an alert over them. With
 * a rate of 0 the provider takes what it is given.
 */
@Singleton
class SenderPace {
  private final List<String> senders;
  private final List<Bucket> buckets = new ArrayList<>();
  private final double ratePerSender;
  private final AtomicInteger next = new AtomicInteger();

  SenderPace(SmsConfig config, SmsGateway gateway, DataSource dataSource) {
    this.senders = List.copyOf(gateway.senders());
    this.ratePerSender = Math.max(0, config.ratePerSecond());
    if (ratePerSender > 0) {
      // Statements of their own, outside any transaction of the caller's: the plain pool.
      ProxyManager<String> proxies =
          Bucket4jPostgreSQL.selectForUpdateBasedBuilder(
                  DelegatingDataSource.unwrapDataSource(dataSource))
              .primaryKeyMapper(PrimaryKeyMapper.STRING)
              .table("sms_sender_pace")
              .idColumn("id")
              .stateColumn("state")
              .build();
      BucketConfiguration pace =
          BucketConfiguration.builder()
              .addLimit(
                  limit ->
                      limit
                          // at most one second's worth at once
                          .capacity(Math.max(1, (long) Math.ceil(ratePerSender)))
                          .refillGreedy(
                              Math.max(1, Math.round(ratePerSender * 1000)),
                              Duration.ofSeconds(1000)))
              .build();
      for (String sender : senders) {
        // The rate is part of the key: a new rate starts a bucket of its own instead of being
        // held to the one stored with the old.
        buckets.add(proxies.builder().build(sender + " " + ratePerSender, () -> pace));
      }
    }
  }

  /** All senders together, messages a second; 0 when unpaced. */
  double ratePerSecond() {
    return ratePerSender * senders.size();
  }

  /**
   * Waits until one of the senders may be handed one more message and returns it, the senders taken
   * in turn. Interrupted, it returns null.
   */
  String take() {
    int first = next.getAndIncrement();
    if (buckets.isEmpty()) {
      return senders.get(Math.floorMod(first, senders.size()));
    }
    while (true) {
      long waitNanos = Long.MAX_VALUE;
      for (int i = 0; i < senders.size(); i++) {
        int k = Math.floorMod(first + i, senders.size());
        ConsumptionProbe probe = buckets.get(k).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
          return senders.get(k);
        }
        waitNanos = Math.min(waitNanos, probe.getNanosToWaitForRefill());
      }
      try {
        // Another instance may take the token first: then this one waits another round.
        TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, TimeUnit.MILLISECONDS.toNanos(1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
