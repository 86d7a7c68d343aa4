package se.saknad.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.TwilioApiTest;

@MicronautTest(transactional = false)
class PacingTest extends TwilioApiTest {
  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("saknad.sms.rate-per-second", "5");
    // Shorter than a paced batch of fifteen, so that a batch outlives its lease.
    p.put("saknad.sms.lease", "1s");
  }

  @Inject Outbox outbox;

  @Test
  void aFanOutIsPacedToTheConfiguredRatePerSenderWithPoliceFirst() throws Exception {
    String prefix = "+4670444";
    // One statement, so the dispatcher sees all fifteen at once.
    sql(
        "INSERT INTO delivery (id, recipient_kind, phone, body, status, priority, next_attempt_at,"
            + " ack_required, created_at, updated_at)"
            + " SELECT gen_random_uuid(), CASE WHEN i >= 12 THEN 'POLICE' ELSE 'SHELTER' END,"
            + " ? || lpad(i::text, 4, '0'), 'pacing', 'QUEUED', CASE WHEN i >= 12 THEN 0 ELSE 1 END,"
            + " now(), false, now(), now() FROM generate_series(0, 14) AS i",
        prefix);
    sql("SELECT pg_notify('saknad_outbox', '')");
    waitUntil(
        "all 15 sent",
        Duration.ofSeconds(15),
        () -> twilio.accepted().stream().filter(s -> s.to().startsWith(prefix)).count() >= 15);
    List<FakeTwilio.Sent> sent =
        twilio.accepted().stream().filter(s -> s.to().startsWith(prefix)).toList();
    double seconds = (sent.get(14).atNanos() - sent.get(0).atNanos()) / 1e9;
    // A burst of 5, then 5 per second: the last of 15 comes at least ~2 s after the first.
    assertTrue(seconds >= 1.8, "sent 15 in " + seconds + " s");
    // The three police deliveries were claimed before the shelters.
    assertEquals(
        3,
        sent.subList(0, 5).stream()
            .filter(s -> Integer.parseInt(s.to().substring(prefix.length())) >= 12)
            .count());
  }

  @Test
  void aDeliveryTakenBackByAnotherDispatcherAfterItsLeaseIsNotSentAgain() throws Exception {
    String prefix = "+4670445";
    sql(
        "INSERT INTO delivery (id, recipient_kind, phone, body, status, priority, next_attempt_at,"
            + " ack_required, created_at, updated_at)"
            + " SELECT gen_random_uuid(), 'SHELTER', ? || lpad(i::text, 4, '0'), 'lease', 'QUEUED',"
            + " 1, now(), false, now(), now() FROM generate_series(0, 14) AS i",
        prefix);
    sql("SELECT pg_notify('saknad_outbox', '')");
    // Paced at 5 a second, the batch takes about 2 s: its 1 s lease runs out half-way.
    waitUntil("the batch has begun", Duration.ofSeconds(15), () -> !sentTo(prefix).isEmpty());
    Thread.sleep(1_300);
    // A second dispatcher takes back what outlived its lease, claims it and sends it itself (the
    // service's other worker may have been quicker: then it is the one).
    outbox.reclaimExpiredLeases();
    List<Outbox.Claimed> taken =
        outbox.claim(50).stream().filter(d -> d.phone().startsWith(prefix)).toList();
    taken.forEach(d -> outbox.accepted(d, "SM" + d.id().toString().replace("-", ""), "queued"));
    waitUntil(
        "every one sent",
        Duration.ofSeconds(15),
        () -> Set.copyOf(everySend(prefix, taken)).size() >= 15);
    // Time for a second send of any of them, had one been coming.
    Thread.sleep(2_000);
    List<String> everySend = everySend(prefix, taken);
    assertEquals(15, Set.copyOf(everySend).size(), "every one sent");
    assertEquals(15, everySend.size(), "none sent twice");
  }

  /** Who got the message, once per send, from the service's dispatchers and the test's own. */
  private List<String> everySend(String prefix, List<Outbox.Claimed> taken) {
    List<String> all = new java.util.ArrayList<>(sentTo(prefix));
    taken.forEach(d -> all.add(d.phone()));
    return all;
  }

  private List<String> sentTo(String prefix) {
    return twilio.accepted().stream()
        .map(FakeTwilio.Sent::to)
        .filter(t -> t.startsWith(prefix))
        .toList();
  }
}
