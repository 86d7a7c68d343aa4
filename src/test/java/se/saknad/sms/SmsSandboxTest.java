package se.saknad.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
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
