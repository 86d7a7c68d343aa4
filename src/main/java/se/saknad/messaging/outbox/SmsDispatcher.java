package se.saknad.messaging.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.Workers;
import se.saknad.messaging.provider.SmsGateway;
import se.saknad.messaging.provider.VoiceScript;

/**
 * Sends what the outbox holds. Workers wake on PostgreSQL NOTIFY (sent when an alert commits) and
 * poll at least every saknad.sms.poll as a fallback, because a notification is lost while the
 * listening connection is down. The provider is called outside any transaction, after the claim has
 * committed, so a crash leaves a lease that expires rather than a lost or doubled message. The
 * workers and the listener are supervised ({@link Workers}): whatever a round throws, an Error
 * included, it starts again after a backoff, and a worker that keeps failing turns /health DOWN.
 */
@Singleton
class SmsDispatcher implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);
  static final String CHANNEL = "saknad_outbox";

  private final Outbox outbox;
  private final ProviderHealth health;
  private final SmsGateway gateway;
  private final SmsConfig config;
  private final MeterRegistry meters;
  private final AlertTimings timings;
  private final String publicBaseUrl;
  private final String statusCallbackUrl;
  private final String url;
  private final String username;
  private final String password;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Object wake = new Object();
  private final List<Workers.Worker> workers = new ArrayList<>();
  private final Workers supervision;
  private final SenderPace pace;
  // The listener's own connection (not a pooled one), used by its rounds only.
  private volatile Connection listening;
  // What a round left in hand when the database went away (a failover, a restart): deliveries
  // claimed but not tried, and acceptances by the provider not yet recorded. The next round gives
  // the first back and records the second as soon as the database answers, rather than leaving
  // them to wait out their lease (and the accepted ones to be sent a second time).
  private final Deque<Outbox.Claimed> untried = new ArrayDeque<>();
  private final Deque<Unrecorded> unrecorded = new ArrayDeque<>();

  /** The provider took {@code d} from {@code sender}; the database did not hear of it yet. */
  private record Unrecorded(Outbox.Claimed d, SmsGateway.Accepted ok, String sender) {}

  SmsDispatcher(
      Outbox outbox,
      ProviderHealth health,
      SmsGateway gateway,
      SmsConfig config,
      MeterRegistry meters,
      AlertTimings timings,
      Workers supervision,
      SenderPace pace,
      @Value("${saknad.public-base-url}") String publicBaseUrl,
      @Value("${datasources.default.url}") String url,
      @Value("${datasources.default.username}") String username,
      @Nullable @Value("${datasources.default.password:}") String password) {
    this.outbox = outbox;
    this.health = health;
    this.gateway = gateway;
    this.config = config;
    this.meters = meters;
    this.timings = timings;
    this.supervision = supervision;
    // Registered now, so that a dashboard shows 0 rather than nothing before the first of each.
    for (String counter :
        List.of(
            "saknad.sms.sent",
            "saknad.sms.retried",
            "saknad.sms.failed",
            "saknad.sms.duplicate",
            "saknad.sms.handed-back")) {
      meters.counter(counter);
    }
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.statusCallbackUrl = this.publicBaseUrl + "/sms/status";
    this.url = url;
    this.username = username;
    this.password = password;
    this.pace = pace;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    start();
  }

  synchronized void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    // Back within a poll of the database (or the heap) being back: alerts wait meanwhile.
    workers.add(supervision.loop("sms-listener", config.poll(), this::listenOnce));
    for (int i = 0; i < Math.max(1, config.workers()); i++) {
      workers.add(supervision.loop("sms-dispatcher-" + i, config.poll(), this::workOnce));
    }
  }

  @EventListener
  void onShutdown(ServerShutdownEvent event) {
    stop();
  }

  @PreDestroy
  synchronized void stop() {
    running.set(false);
    wakeUp();
    workers.forEach(Workers.Worker::stop);
    workers.clear();
    closeListening();
  }

  /**
   * Sends one batch now; returns how many deliveries it handled. While the provider is down, the
   * batch is one probe per probe interval.
   */
  int dispatchOnce() {
    finishWhatAFailedRoundLeft();
    outbox.reclaimExpiredLeases();
    List<Outbox.Claimed> batch;
    if (health.up()) {
      batch = outbox.claim(claimSize());
    } else if (health.takeProbe()) {
      batch = outbox.claimProbe();
    } else {
      return 0;
    }
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0 && !health.up()) {
        // The provider went down during this batch: the rest waits for the probe.
        batch.subList(i, batch.size()).forEach(outbox::release);
        return i;
      }
      try {
        send(batch.get(i));
      } catch (RuntimeException | Error e) {
        keep(untried, batch.subList(i + 1, batch.size()));
        throw e;
      }
    }
    return batch.size();
  }

  /**
   * Records the acceptances and gives back the untried claims a failed round left; throws (and the
   * round fails again, to be retried after the backoff) while the database is still away.
   */
  private void finishWhatAFailedRoundLeft() {
    synchronized (untried) {
      for (Unrecorded u = unrecorded.peek(); u != null; u = unrecorded.peek()) {
        record(u.d(), u.ok(), u.sender());
        unrecorded.poll();
      }
      int handedBack = 0;
      for (Outbox.Claimed d = untried.peek(); d != null; d = untried.peek()) {
        outbox.release(d);
        untried.poll();
        handedBack++;
      }
      if (handedBack > 0) {
        meters.counter("saknad.sms.handed-back").increment(handedBack);
        LOG.info("Gave back {} claimed deliveries after losing the database", handedBack);
      }
    }
  }

  private <T> void keep(Deque<T> queue, List<T> items) {
    synchronized (untried) {
      queue.addAll(items);
    }
  }

  private void record(Outbox.Claimed d, SmsGateway.Accepted ok, String sender) {
    Outbox.Recorded recorded = outbox.accepted(d, ok.sid(), ok.status(), sender);
    recorded.sinceReport().ifPresent(timings::firstSend);
    meters.counter("saknad.sms.sent").increment();
    if (recorded.claimedAgain()) {
      // The lease ran out before this answer could be recorded, and the row was claimed again:
      // the phone gets the message twice (bounded by what was in flight).
      meters.counter("saknad.sms.duplicate").increment();
      LOG.warn("SMS delivery {} was sent again after its lease ran out", d.id());
    }
  }

  /**
   * How many deliveries a worker claims at once. Paced, no more than the senders take in about a
   * quarter of a second, so that what is claimed does not wait long in hand while a new case's
   * first alert, which goes before it in the outbox, waits for the next claim.
   */
  int claimSize() {
    double rate = pace.ratePerSecond();
    if (rate <= 0) {
      return config.batchSize();
    }
    int share = (int) Math.floor(rate / 4 / Math.max(1, config.workers()));
    return Math.max(1, Math.min(config.batchSize(), share));
  }

  private void send(Outbox.Claimed d) {
    SmsGateway.Result result;
    String sender;
    try {
      sender = pace.take();
      if (sender == null) {
        // interrupted while waiting for the pace: stopping
        outbox.release(d);
        return;
      }
      if (!outbox.renew(d)) {
        meters.counter("saknad.sms.claim.lost").increment();
        return;
      }
    } catch (RuntimeException e) {
      keep(untried, List.of(d));
      throw e;
    }
    try {
      result =
          d.voice()
              ? gateway.call(
                  d.phone(),
                  d.body(),
                  VoiceScript.gatherUrl(publicBaseUrl, d.id(), 1),
                  VoiceScript.statusUrl(publicBaseUrl, d.id()))
              : gateway.send(sender, d.phone(), d.body(), statusCallbackUrl + "?d=" + d.id());
    } catch (RuntimeException e) {
      LOG.warn("SMS gateway failed unexpectedly: {}", e.getClass().getSimpleName());
      result = new SmsGateway.Transient(null, e.getClass().getSimpleName());
    }
    if (result instanceof SmsGateway.Transient t) {
      health.failed();
      try {
        outbox.transientFailure(d, t.errorCode());
      } catch (RuntimeException e) {
        keep(untried, List.of(d));
        throw e;
      }
      meters.counter("saknad.sms.retried").increment();
      return;
    }
    boolean recovered = health.answered();
    if (result instanceof SmsGateway.Accepted ok) {
      // Recorded after the acceptance has committed, outside the claim.
      try {
        record(d, ok, sender);
      } catch (RuntimeException e) {
        keep(unrecorded, List.of(new Unrecorded(d, ok, sender)));
        throw e;
      }
    } else if (result instanceof SmsGateway.Permanent p) {
      LOG.warn("SMS delivery {} failed permanently: error {}", d.id(), p.errorCode());
      try {
        outbox.permanentFailure(d, p.errorCode());
      } catch (RuntimeException e) {
        // tried again once the database is back; the provider refuses it again then
        keep(untried, List.of(d));
        throw e;
      }
      meters.counter("saknad.sms.failed").increment();
    }
    if (recovered) {
      outbox.resumeAll();
      wakeUp();
    }
  }

  /** One round of a worker: a batch, or (nothing due) a wait for a notification or the poll. */
  private void workOnce() {
    if (dispatchOnce() > 0 || !running.get()) {
      return;
    }
    long probe = health.millisUntilProbe();
    synchronized (wake) {
      try {
        wake.wait(
            probe > 0 ? Math.min(probe + 1, config.poll().toMillis()) : config.poll().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void wakeUp() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /**
   * One round of the listener: connects and LISTENs when it has no connection, then waits up to
   * half a second for notifications. A lost connection is closed and the round fails, so that the
   * supervisor connects again after its backoff (the workers poll meanwhile).
   */
  private void listenOnce() {
    if (!running.get()) {
      return;
    }
    try {
      if (listening == null) {
        listening = DriverManager.getConnection(url, username, password);
        try (Statement s = listening.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        wakeUp();
      }
      PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(500);
      if (notifications != null && notifications.length > 0) {
        wakeUp();
      }
      if (!listening.isValid(1)) {
        throw new SQLException("the listening connection is no longer valid", "08006");
      }
    } catch (SQLException e) {
      closeListening();
      if (running.get()) {
        LOG.warn(
            "Outbox listener lost its connection ({}); polling until it is back",
            e.getClass().getSimpleName());
        throw new IllegalStateException("outbox listener without a connection", e);
      }
    }
  }

  private void closeListening() {
    Connection connection = listening;
    listening = null;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // gone already
      }
    }
  }
}
