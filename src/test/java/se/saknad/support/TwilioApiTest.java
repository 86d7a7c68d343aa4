package se.saknad.support;

import java.util.HashMap;
import java.util.Map;
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

  @AfterAll
  void stopTwilio() {
    twilio.close();
    twilio = null;
  }
}
