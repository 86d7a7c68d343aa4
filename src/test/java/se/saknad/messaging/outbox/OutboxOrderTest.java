package se.saknad.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;
import se.saknad.support.TwilioApiTest;

/**
 * What the outbox sends first, and how fast it hands messages to the provider: a new case's first
 * alert before other cases' traffic, HIGH before ELEVATED before STANDARD, cases taking turns, and
 * each sender paced on its own with an alert spread over the senders.
 */
@MicronautTest(transactional = false)
class OutboxOrderTest extends TwilioApiTest {
  private static final String SENDER_1 = "+46701110001";
  private static final String SENDER_2 = "+46701110002";
  private static final String POLICE = "+46701110100";
  private static final int RATE_PER_SENDER = 20;

  @Inject EnqueuingMessages enqueuing;
  @Inject Outbox outbox;
  @Inject SmsDispatcher dispatcher;

  private UUID home;
  private String staff;
  private final List<String> prefixes = new ArrayList<>();

  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("twilio.from-numbers[0]", SENDER_1);
    p.put("twilio.from-numbers[1]", SENDER_2);
    p.put("saknad.sms.rate-per-second", String.valueOf(RATE_PER_SENDER));
    p.put("saknad.sms.escalation-interval", "1h");
  }

  @BeforeAll
  void policeInKiruna() {
    home = aHome().at(KIRUNA).create();
    staff = staffOf(home);
    aRecipient()
        .named("Polisen Kiruna (ordning)")
        .police()
        .coveringRegion("NORD")
        .phone(POLICE)
        .create();
  }

  @AfterEach
  void withdrawWhatIsLeft() {
    dispatcher.start();
    for (String prefix : prefixes) {
      sql(
          "UPDATE delivery SET status = 'WITHDRAWN' WHERE phone LIKE ? AND status = 'QUEUED'",
          prefix + "%");
    }
  }

  @Test
  void aNewCasesFirstAlertLeavesBeforeTheUpdatesOfOtherCasesThatWait() {
    Json older = report("STANDARD");
    allHandedOver(older.id());
    String prefix = prefix("+4670111");
    enqueuing.enqueueAll(messages(older.id(), prefix, 400));
    waitUntil("the backlog is being sent", () -> sentTo(prefix) > 0);

    Json fresh = report("HIGH");
    // The report has committed when its answer is here: from then on nothing of the backlog may be
    // claimed before the new alert.
    java.sql.Timestamp committed = java.sql.Timestamp.from(java.time.Instant.now());
    waitUntil(
        "the new case's police have it",
        () ->
            twilio.acceptedTo(POLICE).stream()
                .anyMatch(s -> s.body().contains(fresh.string("code"))));

    // Sent after that from the backlog before the new alert: only what the two workers had in
    // hand (a quarter of a second's worth of the pace each), never the rest.
    long overtaking =
        TestDatabase.count(
            """
            SELECT count(*) FROM delivery b, delivery f
            WHERE f.case_id = ? AND f.phone = ? AND b.phone LIKE ?
              AND b.provider_sid IS NOT NULL
              AND b.updated_at > ? AND b.updated_at < f.updated_at
            """,
            fresh.id(),
            POLICE,
            prefix + "%",
            committed);
    assertTrue(overtaking <= 20, overtaking + " updates of another case went first");
    long waiting =
        TestDatabase.count(
            "SELECT count(*) FROM delivery WHERE phone LIKE ? AND status = 'QUEUED'", prefix + "%");
    assertTrue(waiting > 200, "the backlog was still there: " + waiting);
  }

  @Test
  void highGoesBeforeElevatedBeforeStandardAndCasesTakeTurns() {
    Json standardA = report("STANDARD");
    Json standardB = report("STANDARD");
    Json elevated = report("ELEVATED");
    Json high = report("HIGH");
    for (Json c : List.of(standardA, standardB, elevated, high)) {
      allHandedOver(c.id());
    }
    dispatcher.stop();
    String a = prefix("+4670112");
    String b = prefix("+4670113");
    String e = prefix("+4670114");
    String h = prefix("+4670115");
    // One long fan-out first, then the others: the order of queueing is not the order of sending.
    enqueuing.enqueueAll(messages(standardA.id(), a, 30));
    enqueuing.enqueueAll(messages(standardB.id(), b, 3));
    enqueuing.enqueueAll(messages(elevated.id(), e, 2));
    enqueuing.enqueueAll(messages(high.id(), h, 2));

    List<Outbox.Claimed> claimed = outbox.claim(500);
    List<String> ours = new ArrayList<>();
    for (Outbox.Claimed d : claimed) {
      if (prefixes.stream().anyMatch(d.phone()::startsWith)) {
        ours.add(d.phone().substring(0, 8));
      }
      outbox.release(d);
    }
    assertEquals(List.of(h, h, e, e), ours.subList(0, 4));
    // The two STANDARD cases take turns: B's three are among the first six, not after A's thirty.
    for (int turn = 0; turn < 3; turn++) {
      assertEquals(
          java.util.Set.of(a, b),
          java.util.Set.copyOf(ours.subList(4 + 2 * turn, 6 + 2 * turn)),
          "turn " + turn + " of the STANDARD cases: " + ours);
    }
    assertEquals(List.of(a, a), ours.subList(10, 12), "then the long fan-out alone");
  }

  @Test
  void eachSenderIsPacedOnItsOwnAndAnAlertIsSpreadOverThem() {
    Json opened = report("STANDARD");
    allHandedOver(opened.id());
    String prefix = prefix("+4670116");
    enqueuing.enqueueAll(messages(opened.id(), prefix, 100));
    waitUntil(
        "all 100 sent and recorded",
        Duration.ofSeconds(60),
        () ->
            TestDatabase.count(
                    "SELECT count(*) FROM delivery WHERE phone LIKE ? AND provider_sid IS NOT NULL",
                    prefix + "%")
                == 100);

    Map<String, List<FakeTwilio.Sent>> bySender =
        twilio.accepted().stream()
            .filter(s -> s.to().startsWith(prefix))
            .collect(Collectors.groupingBy(FakeTwilio.Sent::from));
    assertEquals(java.util.Set.of(SENDER_1, SENDER_2), bySender.keySet());
    for (var entry : bySender.entrySet()) {
      List<FakeTwilio.Sent> sent = entry.getValue();
      assertTrue(sent.size() >= 40, entry.getKey() + " sent " + sent.size() + " of 100");
      // A full bucket sends one second's worth at once; the rest at the rate, never faster.
      double seconds = (sent.get(sent.size() - 1).atNanos() - sent.get(0).atNanos()) / 1e9;
      double least = (sent.size() - RATE_PER_SENDER - 1) / (double) RATE_PER_SENDER;
      assertTrue(
          seconds >= least * 0.95,
          entry.getKey() + " sent " + sent.size() + " in " + seconds + " s, faster than the pace");
    }
    assertEquals(
        100L,
        TestDatabase.count(
            "SELECT count(*) FROM delivery WHERE phone LIKE ? AND sender IN (?, ?)",
            prefix + "%",
            SENDER_1,
            SENDER_2),
        "each delivery names the sender it went from");
  }

  private Json report(String risk) {
    UUID child = aChild().inHome(home).named("Omid", "Ordningsson").create();
    return aReport().of(child).by(staff).minutesAgo(5).lastSeenAt(KIRUNA).risk(risk).create();
  }

  private String prefix(String prefix) {
    prefixes.add(prefix);
    return prefix;
  }

  private static List<EnqueuingMessages.Message> messages(UUID caseId, String prefix, int n) {
    List<EnqueuingMessages.Message> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      messages.add(
          new EnqueuingMessages.Message(
              caseId,
              null,
              null,
              null,
              "SHELTER",
              prefix + String.format("%04d", i),
              "SAKNAD: uppdatering",
              false));
    }
    return messages;
  }

  private long sentTo(String prefix) {
    return twilio.accepted().stream().filter(s -> s.to().startsWith(prefix)).count();
  }
}
