package se.saknad.messaging.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.saknad.escalation.EscalatingUnacknowledged;
import se.saknad.escalation.VoiceEscalation;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;
import se.saknad.support.TwilioSignature;

/** The embedded default shows the acknowledgement loop without Twilio. */
@MicronautTest(transactional = false)
@Property(name = "saknad.embedded", value = "true")
@Property(name = "saknad.data-dir", value = "target/sandbox-test-data")
class SmsSandboxTest extends ApiTest {
  private static final String DUTY_PHONE = "+46701888201";

  @Test
  void aReplyFromTheSandboxAcknowledgesThroughTheSignedWebhook() throws Exception {
    aRecipient()
        .named("Polisen sandlåda")
        .police()
        .coveringRegion("STOCKHOLM")
        .contact("Vakthavande", "070-188 82 01")
        .create();
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    UUID child = aChild().inHome(home).named("Sandra", "Lådsson").create();
    Json opened = reportMissing(child, staff);
    String code = opened.string("code");
    String coordinator = aUser().coordinator().create();

    // The dispatcher hands the SMS to the log gateway; the sandbox lists it.
    assertEquals(
        1,
        sandboxed(coordinator, DUTY_PHONE, "SMS", "SAKNAD " + code).size(),
        "the alert to the duty phone, typed in national form");

    Json answer =
        as(coordinator)
            .post("/api/v1/sms/sandbox/replies", Map.of("from", DUTY_PHONE, "body", "ok " + code));
    assertTrue(answer.string("reply").contains("kvitterat"), answer.toString());
    assertEquals(
        List.of("ACKNOWLEDGED"),
        column(
            "SELECT DISTINCT status FROM delivery WHERE case_id = ? AND phone = ?",
            opened.id(),
            DUTY_PHONE));
    // Recorded as what it was: a coordinator replying in the sandbox, not an SMS from the phone.
    assertEquals(
        List.of("SANDBOX"),
        column("SELECT channel FROM acknowledgement WHERE case_id = ?", opened.id()));
    UUID coordinatorId = userIdOf(coordinator);
    assertEquals(
        List.of(coordinatorId),
        column("SELECT user_id FROM acknowledgement WHERE case_id = ?", opened.id()));
    assertEquals(
        List.of("ALERT_ACKNOWLEDGED_SANDBOX:COORDINATOR:" + coordinatorId),
        column(
            "SELECT action || ':' || actor_role || ':' || actor_id FROM audit_event"
                + " WHERE case_id = ? AND action LIKE 'ALERT_ACKNOWLEDGED%'",
            opened.id()));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM inbound_message WHERE from_phone = ? AND outcome ="
                + " 'ACKNOWLEDGED'",
            DUTY_PHONE));

    // Only phones the sandbox has sent to; only admins and coordinators.
    problemOf(
        422,
        () ->
            as(coordinator)
                .post(
                    "/api/v1/sms/sandbox/replies",
                    Map.of("from", "+46701999999", "body", "OK " + code)));
    problemOf(403, () -> as(staff).get("/api/v1/sms/sandbox"));
    // The list shows what was sent about children: each read is audited (the refused one not).
    assertTrue(
        TestDatabase.count(
                "SELECT count(*) FROM audit_event WHERE action = 'SMS_SANDBOX_READ'"
                    + " AND actor_id = ? AND endpoint = 'GET /api/v1/sms/sandbox'",
                coordinatorId)
            >= 1);
    assertEquals(
        0L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'SMS_SANDBOX_READ'"
                + " AND actor_role = 'HVB_STAFF'"));
    String police = aUser().police("STOCKHOLM").create();
    problemOf(
        403,
        () ->
            as(police)
                .post(
                    "/api/v1/sms/sandbox/replies",
                    Map.of("from", DUTY_PHONE, "body", "OK " + code)));
    problemOf(401, () -> as(null).get("/api/v1/sms/sandbox"));
  }

  @Inject EscalatingUnacknowledged smsEscalation;
  @Inject VoiceEscalation voice;

  @Test
  void aLoggedCallIsAnsweredWithOneInTheSandboxThroughTheSignedVoiceWebhooks() throws Exception {
    String phone = "+46701888202";
    aRecipient()
        .police()
        .named("Polisen sandlåda, samtal")
        .covering("0138")
        .phone(phone)
        .escalateAfterMinutes(1)
        .voiceAfterMinutes(1)
        .create();
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    UUID child = aChild().inHome(home).named("Selma", "Ringsdotter").create();
    Json opened = reportMissing(child, staff);
    String code = opened.string("code");
    String coordinator = aUser().coordinator().create();
    assertEquals(1, sandboxed(coordinator, phone, "SMS", "SAKNAD " + code).size());
    // The single contact leaves the SMS unanswered past its step; a (test) minute later it is
    // called.
    sql(
        "UPDATE delivery SET created_at = created_at - interval '2 minutes' WHERE case_id = ?::uuid",
        opened.id());
    smsEscalation.escalateDue();
    sql(
        "UPDATE voice_escalation SET due_at = due_at - interval '2 minutes' WHERE case_id = ?::uuid",
        opened.id());
    voice.startDue();
    List<Json> calls = sandboxed(coordinator, phone, "VOICE", "Det här är Saknad");
    assertEquals(1, calls.size());
    assertTrue(calls.get(0).string("body").contains("Selma"), calls.toString());
    String sid = calls.get(0).string("sid");

    Json answer =
        as(coordinator).post("/api/v1/sms/sandbox/calls/" + sid, Map.of("action", "PRESS_1"));
    assertTrue(answer.string("said").contains("kvitterat"), answer.toString());
    assertEquals(
        List.of("SANDBOX"),
        column("SELECT channel FROM acknowledgement WHERE case_id = ?", opened.id()));
    assertEquals(
        List.of("ALERT_ACKNOWLEDGED_SANDBOX:COORDINATOR"),
        column(
            "SELECT action || ':' || actor_role FROM audit_event"
                + " WHERE case_id = ? AND action LIKE 'ALERT_ACKNOWLEDGED%'",
            opened.id()));
    assertEquals(
        List.of("completed"),
        column(
            "SELECT e.status FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id"
                + " WHERE d.provider_sid = ? AND e.source = 'CALLBACK'",
            sid));

    problemOf(
        404,
        () ->
            as(coordinator).post("/api/v1/sms/sandbox/calls/LCnone", Map.of("action", "PRESS_1")));
    problemOf(
        400,
        () -> as(coordinator).post("/api/v1/sms/sandbox/calls/" + sid, Map.of("action", "HUM")));
    problemOf(
        403, () -> as(staff).post("/api/v1/sms/sandbox/calls/" + sid, Map.of("action", "PRESS_1")));
  }

  private UUID userIdOf(String token) {
    String payload = token.split("\\.")[1];
    String claims =
        new String(
            java.util.Base64.getUrlDecoder().decode(payload),
            java.nio.charset.StandardCharsets.UTF_8);
    java.util.regex.Matcher uid =
        java.util.regex.Pattern.compile("\"uid\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(claims);
    assertTrue(uid.find(), claims);
    return UUID.fromString(uid.group(1));
  }

  private Json reportMissing(UUID child, String staff) {
    return aReport()
        .of(child)
        .by(staff)
        .lastSeen(OffsetDateTime.now().minusMinutes(15))
        .risk("HIGH")
        .create();
  }

  /** What the sandbox lists for {@code phone} on {@code channel}, waiting for it to appear. */
  private List<Json> sandboxed(String token, String phone, String channel, String start)
      throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(15));
    List<Json> found = List.of();
    while (found.isEmpty() && Instant.now().isBefore(until)) {
      found =
          as(token)
              .get("/api/v1/sms/sandbox")
              .list("[?(@.to == '" + phone + "' && @.channel == '" + channel + "')]")
              .stream()
              .filter(m -> m.string("body").startsWith(start))
              .toList();
      if (found.isEmpty()) {
        Thread.sleep(200);
      }
    }
    return found;
  }

  @Test
  void theWebhookStillRefusesWhatTheSandboxKeyDidNotSign() {
    Map<String, String> form =
        Map.of("MessageSid", "SMforged1", "From", DUTY_PHONE, "To", "+46700000000", "Body", "OK 1");
    problemOf(
        403,
        () ->
            as(null)
                .exchange(
                    HttpRequest.POST(
                            "/sms/inbound",
                            "MessageSid=SMforged1&From=%2B46701888201&To=%2B46700000000&Body=OK+1")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header(
                            "X-Twilio-Signature",
                            TwilioSignature.signPath("some-other-key", "/sms/inbound", form))));
  }
}
