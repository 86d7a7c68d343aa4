package se.saknad.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook as Twilio posts it: the form url-encoded, signed with base64 HMAC-SHA1 over the URL and
 * the sorted parameters.
 */
public final class TwilioSignature {
  /** The public address the tests give the service; Twilio signs the full URL under it. */
  public static final String PUBLIC_BASE = "http://saknad.test";

  private TwilioSignature() {}

  public static String sign(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signature of a webhook to {@code path} under {@link #PUBLIC_BASE}. */
  public static String signPath(String authToken, String path, Map<String, String> params) {
    return sign(authToken, PUBLIC_BASE + path, params);
  }

  /** The form as the body of an {@code application/x-www-form-urlencoded} request. */
  public static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A fresh message SID of the provider's shape, for an inbound SMS. */
  public static String newMessageSid() {
    return "SM" + UUID.randomUUID().toString().replace("-", "");
  }
}
