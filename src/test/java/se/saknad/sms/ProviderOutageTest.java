package se.saknad.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
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
    p.put("saknad.sms.retry-base", "50ms");
    p.put("saknad.sms.retry-max", "200ms");
    p.put("saknad.sms.provider-down-after", "3");
    p.put("saknad.sms.probe-interval", "200ms");
    p.put("saknad.sms.escalation-interval", "1h");
    p.put("saknad.coordinator-phones[0]", COORDINATOR_PHONE);
  }

  @BeforeAll
  void umeaRecipients() {
    home = newHome(UMEA);
    staff = userToken("HVB_STAFF", Map.of("homeId", home));
    coordinator = userToken("COORDINATOR", Map.of());
    recipient("Polisen Umeå", "POLICE", POLICE);
    recipient("Jourboende Umeå", "SHELTER", SHELTER);
    recipient("Socialjouren Umeå", "SOCIAL_SERVICES", DUTY_PHONE);
  }

  private void recipient(String name, String kind, String phone) {
    post(
        adminToken(),
        "/api/v1/recipients",
        Map.of(
            "name",
            name,
            "kind",
            kind,
            "coverage",
            Map.of("municipalityCodes", List.of("2480")),
            "contacts",
            List.of(Map.of("name", "Jour", "phone", phone))));
  }

  private Map<String, Object> reportMissing(String given) {
    Map<String, Object> profile = profile(home, given, "Umeåborg");
    profile.put("responsibleMunicipalityCode", "2480");
    UUID child = newChild(staff, profile);
    Map<String, Object> report = new HashMap<>();
    report.put(
        "lastSeenAt",
        OffsetDateTime.now(ZoneOffset.UTC)
            .minusMinutes(5)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString());
    report.put("lastSeenLocation", UMEA);
    report.put("lastSeenPlace", "Vasaplan");
    report.put("clothing", "Blå jacka");
    report.put("riskLevel", "HIGH");
    return post(staff, "/api/v1/children/" + child + "/disappearances", report);
  }

  private void returned(Map<String, Object> opened) {
    post(
        staff,
        "/api/v1/cases/" + opened.get("id") + "/return",
        Map.of(
            "returnedAt",
            OffsetDateTime.now().minusMinutes(1).toString(),
            "foundBy",
            "Personal",
            "condition",
            "Oskadd"));
  }

  private static UUID id(Map<String, Object> opened) {
    return UUID.fromString((String) opened.get("id"));
  }

  private long count(String query, Object... params) {
    return ((Number) column(query, params).get(0)).longValue();
  }

  private Set<String> phones(Map<String, Object> opened, String where) {
    Set<String> phones = new HashSet<>();
    column("SELECT phone FROM delivery WHERE case_id = ? AND " + where, id(opened))
        .forEach(p -> phones.add((String) p));
    return phones;
  }

  private long sentWith(String phone, String text) {
    return twilio.acceptedTo(phone).stream().filter(s -> s.body().contains(text)).count();
  }

  private static void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 15_000;
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

  private Map<String, Object> banner() {
    return get(coordinator, "/api/v1/sms/provider");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> health() {
    Map<String, Object> health =
        http()
            .retrieve(
                as(adminToken(), HttpRequest.GET("/health")),
                Argument.mapOf(String.class, Object.class));
    return health;
  }

  @SuppressWarnings("unchecked")
  private String smsComponent() {
    Map<String, Object> details = (Map<String, Object>) health().get("details");
    return (String) ((Map<String, Object>) details.get("sms")).get("status");
  }

  private void reply(String from, String text) {
    Map<String, String> form =
        Map.of(
            "MessageSid",
            "SM" + UUID.randomUUID().toString().replace("-", ""),
            "From",
            from,
            "Body",
            text);
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

  @Test
  void anOutageLosesNoAlertSendsPoliceFirstAfterwardsAndNothingForACaseReturnedMeanwhile()
      throws Exception {
    // Told before the outage, returned during it: the Cancel waits and reaches those told.
    Map<String, Object> toldBefore = reportMissing("Tora");
    waitUntil(
        "the first case is sent",
        () -> phones(toldBefore, "status IN ('QUEUED', 'SENDING')").isEmpty());
    Set<String> toldPhones = phones(toldBefore, "status IN ('SENT', 'DELIVERED')");
    assertTrue(toldPhones.contains(POLICE), toldPhones.toString());
    assertEquals("UP", banner().get("status"));

    twilio.outage(503);
    long outageStarted = System.currentTimeMillis();
    Map<String, Object> during = reportMissing("Dunja");
    Map<String, Object> backMeanwhile = reportMissing("Bilal");
    String code = (String) during.get("code");
    waitUntil("the provider counts as down", () -> "DOWN".equals(banner().get("status")));

    assertEquals("UP", health().get("status"), "the service stays in the load balancer");
    assertEquals("DOWN", smsComponent());
    Map<String, Object> banner = banner();
    assertNotNull(banner.get("failingSince"));
    assertTrue(
        ((Number) banner.get("waitingAlerts")).longValue()
            >= phones(during, "true").size() + phones(backMeanwhile, "true").size(),
        banner.toString());

    returned(backMeanwhile);
    returned(toldBefore);
    assertEquals(
        Set.of("WITHDRAWN"),
        new HashSet<>(
            column("SELECT DISTINCT status FROM delivery WHERE case_id = ?", id(backMeanwhile))),
        "an Alert not yet sent when the child came back is not sent, and no Cancel is queued");
    assertEquals(
        toldPhones,
        new HashSet<>(
            column(
                "SELECT d.phone FROM delivery d JOIN alert a ON a.id = d.alert_id"
                    + " WHERE d.case_id = ? AND a.msg_type = 'Cancel'",
                id(toldBefore))),
        "the Cancel goes to the phones that were told");

    // A duty phone opts out: the coordinators' notice waits with the alerts and is shown.
    reply(DUTY_PHONE, "STOP");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> notices = (List<Map<String, Object>>) banner().get("waitingNotices");
    assertTrue(
        notices.stream().anyMatch(n -> String.valueOf(n.get("text")).contains("STOP")),
        notices.toString());

    long rest = 3_000 - (System.currentTimeMillis() - outageStarted);
    if (rest > 0) {
      Thread.sleep(rest);
    }
    assertEquals("DOWN", banner().get("status"));
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
            .filter(s -> s.body().contains((String) backMeanwhile.get("code")))
            .count(),
        "nothing about the child who came back during the outage");
    assertEquals(0L, count("SELECT count(*) FROM delivery WHERE status = 'FAILED'"));
    String cancelCode = (String) toldBefore.get("code");
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
        .forEach(p -> police.add((String) p));
    assertTrue(police.contains(first.to()), "police first after the outage, not " + first.to());
    waitUntil("the coordinators got the notice", () -> sentWith(COORDINATOR_PHONE, "STOP") == 1);

    assertEquals("UP", banner().get("status"));
    assertEquals(List.of(), banner().get("waitingNotices"));
    assertEquals("UP", smsComponent());
  }

  @Test
  void theProviderStatusIsForCoordinatorsAndAdministrators() {
    assertEquals("UP", get(adminToken(), "/api/v1/sms/provider").get("status"));
    problem(403, () -> get(staff, "/api/v1/sms/provider"));
    problem(403, () -> get(userToken("RESEARCHER", Map.of()), "/api/v1/sms/provider"));
  }
}
