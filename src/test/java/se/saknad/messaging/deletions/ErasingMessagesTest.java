package se.saknad.messaging.deletions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;
import static se.saknad.support.TestDatabase.count;
import static se.saknad.support.TwilioSignature.newMessageSid;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.messaging.outbox.ErasingMessages;
import se.saknad.messaging.outbox.SmsConfig;
import se.saknad.messaging.sandbox.LogGateway;
import se.saknad.support.Json;
import se.saknad.support.TwilioApiTest;

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

  private static final Map<String, Object> LULEA = Map.of("lat", 65.5848, "lon", 22.1547);

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
    home = aHome().at(LULEA).create();
    staff = staffOf(home);
    aRecipient()
        .named("Polisen Luleå")
        .police()
        .covering("2580")
        .contact("Vakthavande", POLICE)
        .escalateAfterMinutes(30)
        .create();
  }

  private Json reportMissing() {
    UUID child =
        aChild()
            .inHome(home)
            .named("Zilan", "Qoraishi")
            .responsibleMunicipality("2580")
            .with("guardian", Map.of("name", "Gode Manssen", "phone", GUARDIAN))
            .create();
    Json opened =
        aReport()
            .of(child)
            .by(staff)
            .minutesAgo(5)
            .lastSeenAt(LULEA)
            .place("Stationen")
            .clothing("Grön mössa")
            .risk("HIGH")
            .create();
    waitUntil(
        "every delivery handed over",
        () ->
            count(
                    "SELECT count(*) FROM delivery WHERE case_id = ? AND provider_sid IS NULL",
                    opened.id())
                == 0);
    return opened;
  }

  private void reply(String sid, String from, String text) {
    signedWebhook("/sms/inbound", Map.of("MessageSid", sid, "From", from, "Body", text));
  }

  private Set<String> strings(String query, Object... params) {
    Set<String> values = new HashSet<>();
    column(query, params).forEach(v -> values.add(v == null ? null : v.toString()));
    return values;
  }

  @Test
  void erasingACaseBlanksItsTextsTheGuardiansPhoneAndItsRepliesAndDeletesThemAtTheProvider() {
    Json opened = reportMissing();
    UUID caseId = opened.id();
    String code = opened.string("code");
    String ack = newMessageSid();
    reply(ack, POLICE, "OK " + code);
    String guardiansReply = newMessageSid();
    reply(guardiansReply, GUARDIAN, "OK " + code);
    String stray = newMessageSid();
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
    Json opened = reportMissing();
    UUID caseId = opened.id();
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

    Json failing = as(adminToken()).get("/api/v1/sms/erasures?status=FAILING");
    assertEquals(pending, failing.size(), failing.toString());
    assertTrue(
        failing.list().stream()
            .allMatch(
                f ->
                    "FAILING".equals(f.string("status"))
                        && f.integer("attempts") == 2
                        && String.valueOf(f.string("lastError")).contains("503")),
        failing.toString());
    assertEquals(pending, meters.get("saknad.sms.erasures.failing").gauge().value());

    atTheProvider.eraseDue();
    assertEquals(0, as(adminToken()).get("/api/v1/sms/erasures?status=FAILING").size());
    assertEquals(0L, count("SELECT count(*) FROM provider_erasure WHERE status <> 'DONE'"));
    assertTrue(as(adminToken()).get("/api/v1/sms/erasures?status=done").size() >= pending);
  }

  @Test
  void onlyAdministratorsSeeTheDeletionsAndAnUnknownStateIsABadRequest() {
    String coordinator = aUser().coordinator().create();
    problemOf(403, () -> as(coordinator).get("/api/v1/sms/erasures?status=FAILING"));
    problemOf(403, () -> as(staff).get("/api/v1/sms/erasures"));
    Json bad = problemOf(400, () -> as(adminToken()).get("/api/v1/sms/erasures?status=GONE"));
    assertEquals("urn:saknad:problem:validation-failed", bad.string("type"));
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
