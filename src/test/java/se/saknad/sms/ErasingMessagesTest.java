package se.saknad.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.TwilioApiTest;
import se.saknad.support.TwilioSignature;

/** Erasing what the SMS tables and the provider keep about a child's cases. */
@MicronautTest(transactional = false)
class ErasingMessagesTest extends TwilioApiTest {
  private static final String POLICE = "+46702100001";
  private static final String GUARDIAN = "+46702100777";

  @Inject ErasingMessages erasing;
  @Inject ErasingAtTheProvider atTheProvider;
  @Inject ProviderErasures erasures;
  @Inject SmsConfig smsConfig;
  @Inject JdbcOperations jdbc;
  @Inject Clock clock;
  @Inject MeterRegistry meters;

  private UUID home;
  private String staff;

  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("saknad.sms.escalation-interval", "1h");
    p.put("saknad.sms.erasure.initial-delay", "1h");
    p.put("saknad.sms.erasure.retry-base", "20ms");
    p.put("saknad.sms.erasure.retry-max", "40ms");
    p.put("saknad.sms.erasure.failing-after", "2");
  }

  @BeforeAll
  void luleaPolice() {
    home = newHome(Map.of("lat", 65.5848, "lon", 22.1547));
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    post(
        adminToken(),
        "/api/v1/recipients",
        Map.of(
            "name",
            "Polisen Luleå",
            "kind",
            "POLICE",
            "coverage",
            Map.of("municipalityCodes", List.of("2580")),
            "contacts",
            List.of(Map.of("name", "Vakthavande", "phone", POLICE)),
            "escalateAfterMinutes",
            30));
  }

  private Map<String, Object> reportMissing() {
    Map<String, Object> profile = profile(home, "Zilan", "Qoraishi");
    profile.put("responsibleMunicipalityCode", "2580");
    profile.put("guardian", Map.of("name", "Gode Manssen", "phone", GUARDIAN));
    UUID child = newChild(staff, profile);
    Map<String, Object> report = new HashMap<>();
    report.put(
        "lastSeenAt",
        OffsetDateTime.now(ZoneOffset.UTC)
            .minusMinutes(5)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString());
    report.put("lastSeenLocation", Map.of("lat", 65.5848, "lon", 22.1547));
    report.put("lastSeenPlace", "Stationen");
    report.put("clothing", "Grön mössa");
    report.put("riskLevel", "HIGH");
    Map<String, Object> opened =
        post(staff, "/api/v1/children/" + child + "/disappearances", report);
    UUID caseId = UUID.fromString((String) opened.get("id"));
    waitUntil(
        "every delivery handed over",
        () ->
            count(
                    "SELECT count(*) FROM delivery WHERE case_id = ? AND provider_sid IS NULL",
                    caseId)
                == 0);
    return opened;
  }

  private long count(String query, Object... params) {
    return ((Number) column(query, params).get(0)).longValue();
  }

  private static void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static String newSid() {
    return "SM" + UUID.randomUUID().toString().replace("-", "");
  }

  private void reply(String sid, String from, String text) {
    Map<String, String> form = Map.of("MessageSid", sid, "From", from, "Body", text);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    http()
        .exchange(
            HttpRequest.POST("/sms/inbound", body.toString())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(
                    "X-Twilio-Signature",
                    TwilioSignature.sign(
                        FakeTwilio.AUTH_TOKEN, "http://saknad.test/sms/inbound", form)),
            String.class);
  }

  private Set<String> strings(String query, Object... params) {
    Set<String> values = new HashSet<>();
    column(query, params).forEach(v -> values.add((String) v));
    return values;
  }

  @Test
  void erasingACaseBlanksItsTextsTheGuardiansPhoneAndItsRepliesAndDeletesThemAtTheProvider() {
    Map<String, Object> opened = reportMissing();
    UUID caseId = UUID.fromString((String) opened.get("id"));
    String code = (String) opened.get("code");
    String ack = newSid();
    reply(ack, POLICE, "OK " + code);
    String guardiansReply = newSid();
    reply(guardiansReply, GUARDIAN, "OK " + code);
    String stray = newSid();
    reply(stray, "+46702100555", "Vi såg Zilan Qoraishi vid bussen");
    personal("Vi såg Zilan Qoraishi vid bussen");
    assertEquals(
        Set.of(caseId.toString()),
        strings(
            "SELECT case_id::text FROM inbound_message WHERE message_sid IN (?, ?)",
            ack,
            guardiansReply));
    Set<String> sent = strings("SELECT provider_sid FROM delivery WHERE case_id = ?", caseId);
    assertTrue(sent.size() >= 2, "police and guardian: " + sent);

    erasing.eraseMessagesAbout(List.of(caseId));

    assertEquals(Set.of(""), strings("SELECT body FROM delivery WHERE case_id = ?", caseId));
    assertEquals(
        Set.of(""),
        strings(
            "SELECT phone FROM delivery WHERE case_id = ? AND recipient_kind = 'GUARDIAN'",
            caseId));
    Set<String> policePhones =
        strings(
            "SELECT phone FROM delivery WHERE case_id = ? AND recipient_kind = 'POLICE'", caseId);
    assertTrue(
        policePhones.contains(POLICE) && !policePhones.contains(""),
        "the police keep their number: " + policePhones);
    assertEquals(
        Set.of(""),
        strings("SELECT body FROM inbound_message WHERE case_id = ?", caseId),
        "replies about the case");
    assertEquals(
        Set.of(""),
        strings("SELECT from_phone FROM inbound_message WHERE message_sid = ?", guardiansReply),
        "the guardian's number");
    assertEquals(
        Set.of(POLICE),
        strings("SELECT from_phone FROM inbound_message WHERE message_sid = ?", ack));
    assertEquals(
        Set.of("Vi såg Zilan Qoraishi vid bussen"),
        strings("SELECT body FROM inbound_message WHERE message_sid = ?", stray),
        "a reply about no case waits for its own erasure");

    Set<String> expected = new HashSet<>(sent);
    expected.add(ack);
    expected.add(guardiansReply);
    assertEquals(
        expected,
        strings(
            "SELECT sid FROM provider_erasure WHERE sid = ANY(?::text[])",
            (Object) expected.toArray(String[]::new)));

    atTheProvider.eraseDue();
    assertTrue(
        new HashSet<>(twilio.deleted()).containsAll(expected),
        "DELETE /Messages/{Sid}.json for every message about the child");
    assertEquals(
        Set.of("DONE"),
        strings(
            "SELECT status FROM provider_erasure WHERE sid = ANY(?::text[])",
            (Object) expected.toArray(String[]::new)));

    assertTrue(erasing.eraseUnmatchedInboundBefore(Instant.now().plusSeconds(1)) >= 1);
    assertEquals(
        Set.of(""),
        strings("SELECT body || from_phone FROM inbound_message WHERE message_sid = ?", stray));
    atTheProvider.eraseDue();
    assertTrue(twilio.deleted().contains(stray));
  }

  @Test
  void aDeletionTheProviderRefusesIsRetriedAndShownToTheAdministratorsWhileItFails()
      throws Exception {
    Map<String, Object> opened = reportMissing();
    UUID caseId = UUID.fromString((String) opened.get("id"));
    atTheProvider.eraseDue();
    erasing.eraseMessagesAbout(List.of(caseId));
    long pending = count("SELECT count(*) FROM provider_erasure WHERE status = 'PENDING'");
    Integer[] unavailable = new Integer[(int) pending * 2];
    java.util.Arrays.fill(unavailable, 503);
    twilio.scriptDeletes(unavailable);

    atTheProvider.eraseDue();
    Thread.sleep(60);
    atTheProvider.eraseDue();
    Thread.sleep(60);

    List<Map<String, Object>> failing =
        getList(adminToken(), "/api/v1/sms/erasures?status=FAILING");
    assertEquals(pending, failing.size(), failing.toString());
    assertTrue(
        failing.stream()
            .allMatch(
                f ->
                    "FAILING".equals(f.get("status"))
                        && ((Number) f.get("attempts")).intValue() == 2
                        && String.valueOf(f.get("lastError")).contains("503")),
        failing.toString());
    assertEquals(pending, meters.get("saknad.sms.erasures.failing").gauge().value());

    atTheProvider.eraseDue();
    assertEquals(List.of(), getList(adminToken(), "/api/v1/sms/erasures?status=FAILING"));
    assertEquals(0L, count("SELECT count(*) FROM provider_erasure WHERE status <> 'DONE'"));
    assertTrue(getList(adminToken(), "/api/v1/sms/erasures?status=done").size() >= pending);
  }

  @Test
  void onlyAdministratorsSeeTheDeletionsAndAnUnknownStateIsABadRequest() {
    String coordinator = userToken("COORDINATOR", Map.of());
    problem(403, () -> getList(coordinator, "/api/v1/sms/erasures?status=FAILING"));
    problem(403, () -> getList(staff, "/api/v1/sms/erasures"));
    Map<String, Object> bad =
        problem(400, () -> getList(adminToken(), "/api/v1/sms/erasures?status=GONE"));
    assertEquals("urn:saknad:problem:validation-failed", bad.get("type"));
  }

  @Test
  void withoutAProviderTheLogGatewayErasesItsOwnCopy() {
    String sid = "LG" + UUID.randomUUID().toString().replace("-", "");
    sql(
        "INSERT INTO sms_log (sid, to_phone, body, created_at) VALUES (?, ?, 'SAKNAD 1234: Zilan', now())",
        sid,
        GUARDIAN);
    sql(
        "INSERT INTO provider_erasure (sid, direction, status, next_attempt_at, created_at)"
            + " VALUES (?, 'OUTBOUND', 'PENDING', now(), now())",
        sid);
    LogGateway logGateway = new LogGateway(transactions, jdbc, smsConfig, clock);
    new ErasingAtTheProvider(erasures, logGateway, meters, clock).eraseDue();
    assertEquals(List.of(""), column("SELECT body FROM sms_log WHERE sid = ?", sid));
    assertEquals(List.of("DONE"), column("SELECT status FROM provider_erasure WHERE sid = ?", sid));
    assertTrue(!twilio.deleted().contains(sid));
  }
}
