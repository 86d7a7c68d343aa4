package se.saknad.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tests' webhooks are signed as the Twilio SDK checks them. */
class TwilioSignatureTest {
  private static final Map<String, String> FORM =
      Map.of("MessageSid", "SM1", "From", "+46701234567", "Body", "OK 1234 å&ä=ö");

  @Test
  void theSdkAcceptsTheSignatureOfAPathUnderThePublicAddress() {
    String path = "/voice/gather?d=7&step=1";
    String signature = TwilioSignature.signPath(FakeTwilio.AUTH_TOKEN, path, FORM);
    RequestValidator sdk = new RequestValidator(FakeTwilio.AUTH_TOKEN);
    assertTrue(sdk.validate(TwilioSignature.PUBLIC_BASE + path, FORM, signature));
    assertFalse(sdk.validate(TwilioSignature.PUBLIC_BASE + "/voice/gather", FORM, signature));
    assertFalse(
        new RequestValidator("other-token")
            .validate(TwilioSignature.PUBLIC_BASE + path, FORM, signature));
  }

  @Test
  void theFormIsUrlEncodedInItsOwnOrder() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("From", "+46701234567");
    form.put("Body", "OK 1234 å&ä=ö");
    assertEquals(
        "From=%2B46701234567&Body=OK+1234+%C3%A5%26%C3%A4%3D%C3%B6",
        TwilioSignature.formBody(form));
  }

  @Test
  void aMessageSidHasTheProvidersShape() {
    assertTrue(TwilioSignature.newMessageSid().matches("SM[0-9a-f]{32}"));
  }
}
