package se.saknad.sms;

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
import se.saknad.support.ApiTest;
import se.saknad.support.TwilioSignature;

/** The embedded default shows the acknowledgement loop without Twilio. */
@MicronautTest(transactional = false)
@Property(name = "saknad.embedded", value = "true")
@Property(name = "saknad.data-dir", value = "target/sandbox-test-data")
class SmsSandboxTest extends ApiTest {
  private static final String DUTY_PHONE = "+46701888201";

  @Test
  void aReplyFromTheSandboxAcknowledgesThroughTheSignedWebhook() throws Exception {
    post(
        adminToken(),
        "/api/v1/recipients",
        Map.of(
            "name",
            "Polisen sandlåda",
            "kind",
            "POLICE",
            "coverage",
            Map.of("policeRegion", "STOCKHOLM"),
            "contacts",
            List.of(Map.of("name", "Vakthavande", "phone", "070-188 82 01"))));
    UUID home = newHome(TYRESO_CENTRUM);
    String staff = userToken("HVB_STAFF", Map.of("homeId", home));
    UUID child = newChild(staff, profile(home, "Sandra", "Lådsson"));
    Map<String, Object> opened =
        post(
            staff,
            "/api/v1/children/" + child + "/disappearances",
            Map.of(
                "lastSeenAt",
                OffsetDateTime.now().minusMinutes(15).toString(),
                "lastSeenLocation",
                TYRESO_CENTRUM,
                "riskLevel",
                "HIGH"));
    String code = (String) opened.get("code");
    String coordinator = userToken("COORDINATOR", Map.of());

    // The dispatcher hands the SMS to the log gateway; the sandbox lists it.
    Instant until = Instant.now().plus(Duration.ofSeconds(15));
    List<Map<String, Object>> sent = List.of();
    while (Instant.now().isBefore(until)) {
      sent =
          getList(coordinator, "/api/v1/sms/sandbox").stream()
              .filter(m -> DUTY_PHONE.equals(m.get("to")))
              .filter(m -> ((String) m.get("body")).startsWith("SAKNAD " + code))
              .toList();
      if (!sent.isEmpty()) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(1, sent.size(), "the alert to the duty phone, typed in national form");

    Map<String, Object> answer =
        post(
            coordinator,
            "/api/v1/sms/sandbox/replies",
            Map.of("from", DUTY_PHONE, "body", "ok " + code));
    assertTrue(((String) answer.get("reply")).contains("kvitterat"), answer.toString());
    assertEquals(
        List.of("ACKNOWLEDGED"),
        column(
            "SELECT DISTINCT status FROM delivery WHERE case_id = ?::uuid AND phone = ?",
            opened.get("id"),
            DUTY_PHONE));
    assertEquals(
        List.of("SMS"),
        column("SELECT channel FROM acknowledgement WHERE case_id = ?::uuid", opened.get("id")));
    assertEquals(
        1L,
        column(
                "SELECT count(*) FROM inbound_message WHERE from_phone = ? AND outcome ="
                    + " 'ACKNOWLEDGED'",
                DUTY_PHONE)
            .get(0));

    // Only phones the sandbox has sent to; only admins and coordinators.
    problem(
        422,
        () ->
            post(
                coordinator,
                "/api/v1/sms/sandbox/replies",
                Map.of("from", "+46701999999", "body", "OK " + code)));
    problem(403, () -> getList(staff, "/api/v1/sms/sandbox"));
    problem(
        403,
        () ->
            post(
                userToken("POLICE", Map.of("policeRegion", "STOCKHOLM")),
                "/api/v1/sms/sandbox/replies",
                Map.of("from", DUTY_PHONE, "body", "OK " + code)));
    problem(401, () -> http().retrieve(HttpRequest.GET("/api/v1/sms/sandbox")));
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
    UUID home = newHome(TYRESO_CENTRUM);
    String staff = userToken("HVB_STAFF", Map.of("homeId", home));
    UUID child = newChild(staff, profile(home, "Selma", "Ringsdotter"));
    Map<String, Object> opened =
        post(
            staff,
            "/api/v1/children/" + child + "/disappearances",
            Map.of(
                "lastSeenAt",
                OffsetDateTime.now().minusMinutes(15).toString(),
                "lastSeenLocation",
                TYRESO_CENTRUM,
                "riskLevel",
                "HIGH"));
    String code = (String) opened.get("code");
    String coordinator = userToken("COORDINATOR", Map.of());
    assertEquals(1, sandboxed(coordinator, phone, "SMS", "SAKNAD " + code).size());
    // The single contact leaves the SMS unanswered past its step; a (test) minute later it is
    // called.
    sql(
        "UPDATE delivery SET created_at = created_at - interval '2 minutes' WHERE case_id = ?::uuid",
        opened.get("id"));
    smsEscalation.escalateDue();
    sql(
        "UPDATE voice_escalation SET due_at = due_at - interval '2 minutes' WHERE case_id = ?::uuid",
        opened.get("id"));
    voice.startDue();
    List<Map<String, Object>> calls = sandboxed(coordinator, phone, "VOICE", "Det här är Saknad");
    assertEquals(1, calls.size());
    assertTrue(((String) calls.get(0).get("body")).contains("Selma"), calls.toString());
    String sid = (String) calls.get(0).get("sid");

    Map<String, Object> answer =
        post(coordinator, "/api/v1/sms/sandbox/calls/" + sid, Map.of("action", "PRESS_1"));
    assertTrue(((String) answer.get("said")).contains("kvitterat"), answer.toString());
    assertEquals(
        List.of("VOICE"),
        column("SELECT channel FROM acknowledgement WHERE case_id = ?::uuid", opened.get("id")));
    assertEquals(
        List.of("completed"),
        column(
            "SELECT e.status FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id"
                + " WHERE d.provider_sid = ? AND e.source = 'CALLBACK'",
            sid));

    problem(
        404,
        () -> post(coordinator, "/api/v1/sms/sandbox/calls/LCnone", Map.of("action", "PRESS_1")));
    problem(
        400, () -> post(coordinator, "/api/v1/sms/sandbox/calls/" + sid, Map.of("action", "HUM")));
    problem(
        403, () -> post(staff, "/api/v1/sms/sandbox/calls/" + sid, Map.of("action", "PRESS_1")));
  }

  /** What the sandbox lists for {@code phone} on {@code channel}, waiting for it to appear. */
  private List<Map<String, Object>> sandboxed(
      String token, String phone, String channel, String start) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(15));
    List<Map<String, Object>> found = List.of();
    while (found.isEmpty() && Instant.now().isBefore(until)) {
      found =
          getList(token, "/api/v1/sms/sandbox").stream()
              .filter(m -> phone.equals(m.get("to")) && channel.equals(m.get("channel")))
              .filter(m -> ((String) m.get("body")).startsWith(start))
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
    problem(
        403,
        () ->
            http()
                .exchange(
                    HttpRequest.POST(
                            "/sms/inbound",
                            "MessageSid=SMforged1&From=%2B46701888201&To=%2B46700000000&Body=OK+1")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header(
                            "X-Twilio-Signature",
                            TwilioSignature.sign(
                                "some-other-key", "http://saknad.test/sms/inbound", form)),
                    String.class));
  }
}
