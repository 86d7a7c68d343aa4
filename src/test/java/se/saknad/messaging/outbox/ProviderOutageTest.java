package se.saknad.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.TestDatabase.count;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.Eventually;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.TwilioApiTest;

/**
 * The provider answers 503 for a long while. In test time: a probe every 200 ms, so the three
 * seconds of the outage are fifteen probe intervals (75 s with the default 5 s probe); what counts
 * is that nothing is lost or given up however long it lasts.
 */
@MicronautTest(transactional = false)
class ProviderOutageTest extends TwilioApiTest {
  private static final String POLICE = "+46702300001";
  private static final String SHELTER = "+46702300002";
  private static final String DUTY_PHONE = "+46702300003";
  private static final String COORDINATOR_PHONE = "+46702300999";
  private static final Map<String, Object> UMEA = Map.of("lat", 63.8258, "lon", 20.2630);

  private UUID home;
  private String staff;
  private String coordinator;

  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("saknad.sms.poll", "100ms");
    p.put("saknad.sms.provider-down-after", "3");
    quickRetries(p, COORDINATOR_PHONE);
  }

  @BeforeAll
  void umeaRecipients() {
    home = aHome().at(UMEA).create();
    staff = staffOf(home);
    coordinator = aUser().coordinator().create();
    aRecipient().named("Polisen Umeå").police().covering("2480").phone(POLICE).create();
    aRecipient().named("Jourboende Umeå").shelter().covering("2480").phone(SHELTER).create();
    aRecipient()
        .named("Socialjouren Umeå")
        .socialServices()
        .covering("2480")
        .phone(DUTY_PHONE)
        .create();
  }

  private Json reportMissing(String given) {
    UUID child =
        aChild().inHome(home).named(given, "Umeåborg").responsibleMunicipality("2480").create();
    return aReport()
        .of(child)
        .by(staff)
        .minutesAgo(5)
        .lastSeenAt(UMEA)
        .place("Vasaplan")
        .clothing("Blå jacka")
        .risk("HIGH")
        .create();
  }

  private void returned(Json opened) {
    aReturn()
        .of(opened.id())
        .by(staff)
        .at(OffsetDateTime.now().minusMinutes(1))
        .foundBy("Personal")
        .create();
  }

  private Set<String> phones(Json opened, String where) {
    Set<String> phones = new HashSet<>();
    column("SELECT phone FROM delivery WHERE case_id = ? AND " + where, opened.id())
        .forEach(p -> phones.add(p.toString()));
    return phones;
  }

  private long sentWith(String phone, String text) {
    return twilio.acceptedTo(phone).stream().filter(s -> s.body().contains(text)).count();
  }

  /** The outage's waits run longer than the usual ten seconds. */
  private static void waitUntil(String what, BooleanSupplier condition) {
    Eventually.waitUntil(what, Duration.ofSeconds(15), condition);
  }

  private Json banner() {
    return as(coordinator).get("/api/v1/sms/provider");
  }

  private Json health() {
    return as(adminToken()).get("/health");
  }

  private String smsComponent() {
    return health().string("details.sms.status");
  }

  @Test
  void anOutageLosesNoAlertSendsPoliceFirstAfterwardsAndNothingForACaseReturnedMeanwhile()
      throws Exception {
    // Told before the outage, returned during it: the Cancel waits and reaches those told.
    Json toldBefore = reportMissing("Tora");
    waitUntil(
        "the first case is sent",
        () -> phones(toldBefore, "status IN ('QUEUED', 'SENDING')").isEmpty());
    Set<String> toldPhones = phones(toldBefore, "status IN ('SENT', 'DELIVERED')");
    assertTrue(toldPhones.contains(POLICE), toldPhones.toString());
    assertEquals("UP", banner().string("status"));

    twilio.outage(503);
    long outageStarted = System.currentTimeMillis();
    Json during = reportMissing("Dunja");
    Json backMeanwhile = reportMissing("Bilal");
    String code = during.string("code");
    waitUntil("the provider counts as down", () -> "DOWN".equals(banner().string("status")));

    assertEquals("UP", health().string("status"), "the service stays in the load balancer");
    assertEquals("DOWN", smsComponent());
    Json banner = banner();
    assertNotNull(banner.string("failingSince"));
    assertTrue(
        banner.number("waitingAlerts")
            >= phones(during, "true").size() + phones(backMeanwhile, "true").size(),
        banner.toString());

    returned(backMeanwhile);
    returned(toldBefore);
    assertEquals(
        Set.of("WITHDRAWN"),
        new HashSet<>(
            column("SELECT DISTINCT status FROM delivery WHERE case_id = ?", backMeanwhile.id())),
        "an Alert not yet sent when the child came back is not sent, and no Cancel is queued");
    assertEquals(
        toldPhones,
        new HashSet<>(
            column(
                "SELECT d.phone FROM delivery d JOIN alert a ON a.id = d.alert_id"
                    + " WHERE d.case_id = ? AND a.msg_type = 'Cancel'",
                toldBefore.id())),
        "the Cancel goes to the phones that were told");

    // A duty phone opts out: the coordinators' notice waits with the alerts and is shown.
    reply(DUTY_PHONE, "STOP");
    List<String> notices = banner().strings("waitingNotices[*].text");
    assertTrue(
        notices.stream().anyMatch(text -> String.valueOf(text).contains("STOP")),
        notices.toString());

    long rest = 3_000 - (System.currentTimeMillis() - outageStarted);
    if (rest > 0) {
      Thread.sleep(rest);
    }
    assertEquals("DOWN", banner().string("status"));
    assertEquals(0, twilio.accepted().stream().filter(s -> s.body().contains(code)).count());
    assertEquals(0L, count("SELECT count(*) FROM delivery WHERE status = 'FAILED'"));
    // Probing, not hammering: three failures to notice, in-flight ones, then one per 200 ms.
    assertTrue(
        twilio.refused() <= 3 + 2 + 3_000 / 200 + 5, "requests refused: " + twilio.refused());

    twilio.endOutage();
    long recoveredNanos = System.nanoTime();
    long recovered = System.currentTimeMillis();
    waitUntil(
        "the backlog has left",
        () -> count("SELECT count(*) FROM delivery WHERE status IN ('QUEUED', 'SENDING')") == 0);
    assertTrue(
        System.currentTimeMillis() - recovered < 3_000,
        "backlog left " + (System.currentTimeMillis() - recovered) + " ms after recovery");

    for (String phone : phones(during, "true")) {
      assertEquals(1, sentWith(phone, "SAKNAD " + code + ":"), "alerts to " + phone);
    }
    assertEquals(
        0L,
        twilio.accepted().stream()
            .filter(s -> s.body().contains(backMeanwhile.string("code")))
            .count(),
        "nothing about the child who came back during the outage");
    assertEquals(0L, count("SELECT count(*) FROM delivery WHERE status = 'FAILED'"));
    String cancelCode = toldBefore.string("code");
    for (String phone : toldPhones) {
      assertEquals(
          2, sentWith(phone, cancelCode), "the Alert before and the Cancel after, to " + phone);
    }
    FakeTwilio.Sent first =
        twilio.accepted().stream()
            .filter(s -> s.atNanos() > recoveredNanos)
            .min(java.util.Comparator.comparingLong(FakeTwilio.Sent::atNanos))
            .orElseThrow();
    Set<String> police = new HashSet<>();
    column("SELECT phone FROM delivery WHERE recipient_kind = 'POLICE'")
        .forEach(p -> police.add(p.toString()));
    assertTrue(police.contains(first.to()), "police first after the outage, not " + first.to());
    waitUntil("the coordinators got the notice", () -> sentWith(COORDINATOR_PHONE, "STOP") == 1);

    assertEquals("UP", banner().string("status"));
    assertEquals(0, banner().size("waitingNotices"));
    assertEquals("UP", smsComponent());
  }

  @Test
  void theProviderStatusIsForCoordinatorsAndAdministrators() {
    assertEquals("UP", as(adminToken()).get("/api/v1/sms/provider").string("status"));
    problemOf(403, () -> as(staff).get("/api/v1/sms/provider"));
    String researcher = aUser().researcher().create();
    problemOf(403, () -> as(researcher).get("/api/v1/sms/provider"));
  }
}
