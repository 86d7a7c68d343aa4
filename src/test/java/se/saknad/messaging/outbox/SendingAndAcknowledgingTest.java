package se.saknad.messaging.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;

import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.escalation.EscalatingUnacknowledged;
import se.saknad.messaging.provider.SmsGateway;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;
import se.saknad.support.TwilioApiTest;
import se.saknad.support.TwilioSignature;

@MicronautTest(transactional = false)
class SendingAndAcknowledgingTest extends TwilioApiTest {
  private static final String POLICE_1 = "+46702000001";
  private static final String POLICE_2 = "+46702000002";
  private static final String COORDINATOR_PHONE = "+46702000999";

  @Inject Outbox outbox;
  @Inject ProviderHealth health;
  @Inject SmsGateway gateway;
  @Inject SmsConfig config;
  @Inject EscalatingUnacknowledged escalation;
  @Inject io.micrometer.core.instrument.MeterRegistry meters;
  @Inject AlertTimings timings;
  @Inject se.saknad.common.Workers workers;
  @Inject SenderPace pace;

  private UUID home;
  private String staff;

  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("twilio.request-timeout", "1s");
    quickRetries(p, COORDINATOR_PHONE);
  }

  @BeforeAll
  void kirunaPolice() {
    home = aHome().at(KIRUNA).create();
    staff = staffOf(home);
    aRecipient()
        .named("Polisregion Nord RLC")
        .police()
        .coveringRegion("NORD")
        .contact("Vakthavande", POLICE_1)
        .contact("Reserv", POLICE_2)
        .escalateAfterMinutes(1)
        .create();
  }

  private Json reportMissing() {
    UUID child =
        aChild().inHome(home).named("Ali", "Rezai").responsibleMunicipality("2584").create();
    return aReport()
        .of(child)
        .by(staff)
        .minutesAgo(5)
        .lastSeenAt(KIRUNA)
        .place("Kiruna centrum")
        .clothing("Röd jacka")
        .risk("HIGH")
        .create();
  }

  /** Scripted answers go to the next request: first let earlier tests' messages drain. */
  private void quiet() {
    waitUntil(
        "the outbox is empty",
        () ->
            TestDatabase.count(
                    "SELECT count(*) FROM delivery WHERE status IN ('QUEUED', 'SENDING')")
                == 0);
  }

  private long sentFor(String code) {
    return twilio.accepted().stream()
        .filter(s -> s.body().startsWith("SAKNAD " + code + ":"))
        .count();
  }

  private void allSent(Json opened) {
    waitUntil(
        "all sent",
        () ->
            deliveries(opened.id(), "status IN ('SENT', 'DELIVERED')")
                == deliveries(opened.id(), "true"));
  }

  private long deliveries(UUID caseId, String where) {
    return TestDatabase.count(
        "SELECT count(*) FROM delivery WHERE case_id = ? AND " + where, caseId);
  }

  @Test
  void aReportReachesTheProviderThroughTheRealSdkWithAStatusCallback() {
    Json opened = reportMissing();
    String code = opened.string("code");
    waitUntil(
        "all deliveries are handed over",
        () -> deliveries(opened.id(), "status = 'QUEUED' OR status = 'SENDING'") == 0);
    FakeTwilio.Sent sent =
        twilio.acceptedTo(POLICE_1).stream()
            .filter(s -> s.body().contains(code))
            .findFirst()
            .orElseThrow();
    assertEquals(FakeTwilio.FROM, sent.from());
    assertTrue(
        sent.statusCallback().startsWith("http://saknad.test/sms/status?d="),
        sent.statusCallback());
    assertTrue(sent.authorization().startsWith("Basic "));
    assertEquals(deliveries(opened.id(), "true"), sentFor(code));
    assertTrue(
        twilio.acceptedTo(POLICE_2).stream().noneMatch(s -> s.body().contains(code)),
        "the reserve waits for escalation");
  }

  @Test
  void aServerErrorIsRetriedOnceAndTheSmsSentOnce() {
    quiet();
    twilio.script(500);
    Json opened = reportMissing();
    String code = opened.string("code");
    allSent(opened);
    long total = deliveries(opened.id(), "true");
    assertEquals(total, sentFor(code));
    assertEquals(total + 1, twilio.requestsContaining("SAKNAD " + code + ":"));
    assertEquals(1L, deliveries(opened.id(), "attempts = 2"));
  }

  @Test
  void tooManyRequestsIsRetriedWithoutASecondSms() {
    quiet();
    twilio.script(429, 429);
    Json opened = reportMissing();
    String code = opened.string("code");
    allSent(opened);
    assertEquals(deliveries(opened.id(), "true"), sentFor(code));
  }

  @Test
  void aRejectedNumberIsNeverRetriedAndTheCoordinatorsAreTold() throws Exception {
    quiet();
    twilio.script(400);
    Json opened = reportMissing();
    waitUntil("one failed", () -> deliveries(opened.id(), "status = 'FAILED'") == 1);
    Thread.sleep(500);
    assertEquals(
        1L, deliveries(opened.id(), "status = 'FAILED' AND error_code = '21211' AND attempts = 1"));
    waitUntil(
        "coordinator told",
        () ->
            twilio.acceptedTo(COORDINATOR_PHONE).stream()
                .anyMatch(s -> s.body().contains(opened.string("code"))));
    String failedPhone =
        TestDatabase.value(
            String.class,
            "SELECT phone FROM delivery WHERE case_id = ? AND status = 'FAILED'",
            opened.id());
    assertTrue(
        twilio.acceptedTo(failedPhone).stream()
            .noneMatch(s -> s.body().contains(opened.string("code"))),
        "a 400 is never retried");
  }

  @Test
  void aDeliveryLeftSendingByADeadWorkerIsSentAgainWhenItsLeaseExpires() {
    Json opened = reportMissing();
    String code = opened.string("code");
    allHandedOver(opened.id());
    // A worker claimed this delivery and died before calling the provider.
    String phone = "+46702000077";
    sql(
        "INSERT INTO delivery (id, alert_id, case_id, recipient_kind, phone, body, status, priority, attempts,"
            + " next_attempt_at, lease_until, ack_required, created_at, updated_at)"
            + " SELECT gen_random_uuid(), alert_id, case_id, 'OTHER', ?, body, 'SENDING', 1, 1, now(), now() - interval '1 second',"
            + " false, now(), now() FROM delivery WHERE case_id = ? LIMIT 1",
        phone,
        opened.id());
    waitUntil(
        "resent after the lease",
        () -> twilio.acceptedTo(phone).stream().anyMatch(s -> s.body().contains(code)));
    assertEquals(1, twilio.acceptedTo(phone).size());
  }

  @Test
  void twoDispatchersOnOneDatabaseSendEachSmsOnce() {
    SmsDispatcher second =
        new SmsDispatcher(
            outbox,
            health,
            gateway,
            config,
            meters,
            timings,
            workers,
            pace,
            "http://saknad.test",
            getProperties().get("datasources.default.url"),
            getProperties().get("datasources.default.username"),
            getProperties().get("datasources.default.password"));
    second.start();
    try {
      Json opened = reportMissing();
      for (int i = 0; i < 40; i++) {
        sql(
            "INSERT INTO delivery (id, alert_id, case_id, recipient_kind, phone, body, status, priority,"
                + " next_attempt_at, ack_required, created_at, updated_at)"
                + " SELECT gen_random_uuid(), alert_id, case_id, 'OTHER', ?, body, 'QUEUED', 1, now(), false, now(), now()"
                + " FROM delivery WHERE case_id = ? LIMIT 1",
            String.format("+467030%05d", i),
            opened.id());
      }
      sql("SELECT pg_notify('saknad_outbox', '')");
      allHandedOver(opened.id());
      for (int i = 0; i < 40; i++) {
        assertEquals(1, twilio.acceptedTo(String.format("+467030%05d", i)).size());
      }
    } finally {
      second.stop();
    }
  }

  @Test
  void policeAcknowledgeByReplyingAndAReplayChangesNothing() {
    Json opened = reportMissing();
    String code = opened.string("code");
    allHandedOver(opened.id());
    Map<String, String> form =
        Map.of(
            "MessageSid",
            "SMack" + code + UUID.randomUUID().toString().substring(0, 6),
            "From",
            POLICE_1,
            "To",
            FakeTwilio.FROM,
            "Body",
            " ok" + code + " ");
    HttpResponse<String> answer = signedWebhook("/sms/inbound", form);
    assertTrue(answer.body().contains("kvitterat"), answer.body());
    assertTrue(answer.body().startsWith("<?xml"));
    assertEquals(
        1L, deliveries(opened.id(), "status = 'ACKNOWLEDGED' AND phone = '" + POLICE_1 + "'"));
    HttpResponse<String> replay = signedWebhook("/sms/inbound", form);
    assertFalse(replay.body().contains("<Message>"), replay.body());
    Json view = as(adminToken()).get("/api/v1/cases/" + opened.id());
    assertTrue(view.toString().contains("acknowledgedAt"));
    // Escalation is stopped for this recipient.
    sql(
        "UPDATE delivery SET created_at = created_at - interval '5 minutes' WHERE case_id = ?",
        opened.id());
    escalation.escalateDue();
    assertEquals(0L, deliveries(opened.id(), "phone = '" + POLICE_2 + "'"));
  }

  @Test
  void unknownCodesAndNumbersGetHelpAndChangeNothing() {
    Json opened = reportMissing();
    allHandedOver(opened.id());
    assertTrue(reply(POLICE_1, "OK 0000").body().contains("OK och ärendets kod"));
    assertTrue(
        reply("+46709999999", "OK " + opened.string("code"))
            .body()
            .contains("OK och ärendets kod"));
    assertTrue(reply(POLICE_1, "hej").body().contains("OK och ärendets kod"));
    assertEquals(0L, deliveries(opened.id(), "status = 'ACKNOWLEDGED'"));
  }

  @Test
  void forgedOrMissingSignaturesAre403() {
    Map<String, String> form =
        Map.of("MessageSid", "SMforged", "From", POLICE_1, "Body", "OK 1234");
    problemOf(403, () -> webhook("/sms/inbound", form, "forged"));
    problemOf(
        403,
        () ->
            webhook(
                "/sms/inbound",
                form,
                TwilioSignature.signPath("other-token", "/sms/inbound", form)));
    problemOf(
        403,
        () ->
            webhook("/sms/status", Map.of("MessageSid", "SM1", "MessageStatus", "delivered"), "x"));
    assertTrue(column("SELECT 1 FROM inbound_message WHERE message_sid = 'SMforged'").isEmpty());
  }

  @Test
  void webhooksReplayedThreeTimesInShuffledOrderGiveOneAcknowledgementAndNoRegression() {
    Json opened = reportMissing();
    String code = opened.string("code");
    allHandedOver(opened.id());
    Object id =
        column("SELECT id FROM delivery WHERE case_id = ? AND phone = ?", opened.id(), POLICE_1)
            .get(0);
    String status = "/sms/status?d=" + id;
    List<Runnable> calls = new java.util.ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (String state : List.of("queued", "sent", "delivered")) {
        calls.add(
            () -> signedWebhook(status, Map.of("MessageSid", "SMshuffle", "MessageStatus", state)));
      }
      calls.add(
          () ->
              signedWebhook(
                  "/sms/inbound",
                  Map.of(
                      "MessageSid",
                      "SMreplay" + code,
                      "From",
                      POLICE_1,
                      "To",
                      FakeTwilio.FROM,
                      "Body",
                      "OK " + code)));
    }
    java.util.Collections.shuffle(calls, new java.util.Random(Long.parseLong(code)));
    calls.forEach(Runnable::run);
    // acknowledged once, and an acknowledgement is never undone by a late "sent" or "delivered"
    assertEquals("ACKNOWLEDGED", column("SELECT status FROM delivery WHERE id = ?", id).get(0));
    assertEquals(
        List.of(1L),
        column("SELECT count(*) FROM inbound_message WHERE message_sid = ?", "SMreplay" + code));
    assertEquals(
        1L, deliveries(opened.id(), "acknowledged_at IS NOT NULL AND phone = '" + POLICE_1 + "'"));
  }

  @Test
  void aProviderAnsweringErrorsRateLimitsAndTimeoutsStillGetsEverythingOnce() {
    quiet();
    // 500, 429, a hang past the client's timeout, 429, 500: then normal answers
    twilio.script(500, 429, 0, 429, 500);
    Json opened = reportMissing();
    String code = opened.string("code");
    allHandedOver(opened.id());
    List<Object> phones = column("SELECT phone FROM delivery WHERE case_id = ?", opened.id());
    for (Object phone : phones) {
      long sent =
          twilio.acceptedTo(phone.toString()).stream()
              .filter(m -> m.body().startsWith("SAKNAD " + code + ":"))
              .count();
      assertEquals(1, sent, "messages accepted for " + phone);
    }
    assertEquals(0L, deliveries(opened.id(), "status = 'FAILED'"));
  }

  @Test
  void statusCallbacksAreStoredAndNeverMoveBackwards() {
    Json opened = reportMissing();
    allHandedOver(opened.id());
    Object id =
        column("SELECT id FROM delivery WHERE case_id = ? AND phone = ?", opened.id(), POLICE_1)
            .get(0);
    String path = "/sms/status?d=" + id;
    signedWebhook(path, Map.of("MessageSid", "SMx", "MessageStatus", "delivered"));
    signedWebhook(path, Map.of("MessageSid", "SMx", "MessageStatus", "sent"));
    signedWebhook(path, Map.of("MessageSid", "SMx", "MessageStatus", "delivered"));
    assertEquals("DELIVERED", column("SELECT status FROM delivery WHERE id = ?", id).get(0));
    assertEquals(
        2,
        column("SELECT 1 FROM delivery_event WHERE delivery_id = ? AND source = 'CALLBACK'", id)
            .size());
  }

  @Test
  void anUnacknowledgedAlertEscalatesToTheNextContactThenToTheCoordinators() {
    Json opened = reportMissing();
    String code = opened.string("code");
    UUID caseId = opened.id();
    allHandedOver(opened.id());
    escalation.escalateDue();
    assertEquals(
        0L, deliveries(opened.id(), "phone = '" + POLICE_2 + "'"), "not before the timeout");
    sql(
        "UPDATE delivery SET created_at = created_at - interval '2 minutes' WHERE case_id = ?",
        caseId);
    escalation.escalateDue();
    waitUntil(
        "reserve alerted",
        () -> twilio.acceptedTo(POLICE_2).stream().anyMatch(s -> s.body().contains(code)));
    // One claim holds both, in no particular order: wait for the second to the first contact.
    waitUntil(
        "sent again to the first contact",
        () ->
            twilio.acceptedTo(POLICE_1).stream().filter(s -> s.body().contains(code)).count() == 2);
    sql(
        "UPDATE delivery SET created_at = created_at - interval '2 minutes' WHERE case_id = ?",
        caseId);
    escalation.escalateDue();
    waitUntil(
        "coordinators told",
        () ->
            twilio.acceptedTo(COORDINATOR_PHONE).stream()
                .anyMatch(s -> s.body().contains(code) && s.body().contains("kvitterat")));
  }

  @Test
  void stopOptsAContactOutAndTheCoordinatorsAreTold() {
    String phone = "+46702000555";
    aRecipient().named("Socialjour Kiruna").socialServices().covering("2584").phone(phone).create();
    HttpResponse<String> answer = reply(phone, "STOP");
    assertEquals(200, answer.getStatus().getCode());
    assertEquals(
        List.of(true), column("SELECT opted_out FROM recipient_contact WHERE phone = ?", phone));
    waitUntil(
        "coordinators told",
        () ->
            twilio.acceptedTo(COORDINATOR_PHONE).stream().anyMatch(s -> s.body().contains("STOP")));
    reply(phone, "START");
    assertEquals(
        List.of(false), column("SELECT opted_out FROM recipient_contact WHERE phone = ?", phone));
  }
}
