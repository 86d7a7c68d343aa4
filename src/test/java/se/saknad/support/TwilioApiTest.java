package se.saknad.support;

import io.micronaut.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * A service test whose SMS go through the real Twilio SDK to a local stand-in, started before the
 * service (its URL is part of the service's settings) and stopped after the class.
 */
public abstract class TwilioApiTest extends ApiTest {
  protected static FakeTwilio twilio;

  @Override
  public final Map<String, String> getProperties() {
    if (twilio == null) {
      twilio = FakeTwilio.started();
    }
    Map<String, String> p = new HashMap<>(super.getProperties());
    p.putAll(twilio.properties());
    sendingSettings(p);
    return p;
  }

  /** The class's own settings (timings of the dispatcher and its jobs) on top of the stand-in's. */
  protected abstract void sendingSettings(Map<String, String> p);

  /**
   * Retries in milliseconds instead of minutes, no escalation while the class runs, and the
   * coordinators' notices to {@code coordinatorPhone}: the settings of tests that drive the
   * provider through failures.
   */
  protected static void quickRetries(Map<String, String> p, String coordinatorPhone) {
    p.put("saknad.sms.retry-base", "50ms");
    p.put("saknad.sms.retry-max", "200ms");
    p.put("saknad.sms.probe-interval", "200ms");
    p.put("saknad.sms.escalation-interval", "1h");
    p.put("saknad.coordinator-phones[0]", coordinatorPhone);
  }

  /** Posts a webhook to {@code path} signed as the stand-in's account signs it. */
  protected HttpResponse<String> signedWebhook(String path, Map<String, String> form) {
    return signedWebhook(FakeTwilio.AUTH_TOKEN, path, form);
  }

  /** An SMS from {@code from} to the service's number, posted and signed as Twilio does. */
  protected HttpResponse<String> reply(String from, String text) {
    return inboundSms(FakeTwilio.AUTH_TOKEN, from, FakeTwilio.FROM, text);
  }

  /** Waits until the dispatcher has handed every message of the case to the provider. */
  protected static void allHandedOver(UUID caseId) {
    Eventually.waitUntil(
        "the case's messages are handed over",
        () ->
            TestDatabase.count(
                    "SELECT count(*) FROM delivery WHERE case_id = ?"
                        + " AND status IN ('QUEUED', 'SENDING')",
                    caseId)
                == 0);
  }

  @AfterAll
  void stopTwilio() {
    twilio.close();
    twilio = null;
  }
}
