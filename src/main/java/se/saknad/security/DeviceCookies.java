package se.saknad.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * signed in as a user gets a signed cookie naming that user's id and a random device id. When it
 * signs in as that user again, its address is no concern: strangers failing from the same police
 * station or municipality do not slow it down. Its own failures count against the device, and past
 * the free failures it is throttled like any other browser. The cookie holds no name, is sent only
 * to {@code /login} and is unreadable to scripts.
 */
@Singleton
class DeviceCookies {
  static final String NAME = "saknad_device";
  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** A device that has signed in as {@code userId}; {@code id} is what its failures are kept by. */
  record Device(UUID userId, String id) {}

  private final byte[] key;
  private final SecurityConfig config;
  private final boolean secure;
  private final SecureRandom random = new SecureRandom();

  DeviceCookies(
      JwtSigning.SigningSecret secret,
      SecurityConfig config,
      @Value("${saknad.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.key = secret.derive("saknad device cookie " + VERSION);
    this.config = config;
    this.secure = publicBaseUrl.startsWith("https:");
  }

  /** The device the request's cookie names, when its signature holds. */
  Optional<Device> of(HttpRequest<?> request) {
    return request.getCookies().findCookie(NAME).map(Cookie::getValue).flatMap(this::verify);
  }

  Optional<Device> verify(String value) {
    String[] parts = value.split("\\.");
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      return Optional.empty();
    }
    byte[] expected = sign(parts[0] + "." + parts[1]);
    byte[] given;
    byte[] payload;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
      payload = Base64.getUrlDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(expected, given) || payload.length != 32) {
      return Optional.empty();
    }
    ByteBuffer bytes = ByteBuffer.wrap(payload);
    UUID user = new UUID(bytes.getLong(), bytes.getLong());
    return Optional.of(
        new Device(user, B64.encodeToString(java.util.Arrays.copyOfRange(payload, 16, 32))));
  }

  /**
   * The cookie to give a browser that has just signed in as {@code userId}: the one it has when
   * that is this user's (its lifetime renewed), else a new device.
   */
  Cookie issue(UUID userId, Optional<Device> current) {
    byte[] device = new byte[16];
    if (current.isPresent() && current.get().userId().equals(userId)) {
      device = Base64.getUrlDecoder().decode(current.get().id());
    } else {
      random.nextBytes(device);
    }
    ByteBuffer payload = ByteBuffer.allocate(32);
    payload.putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits());
    payload.put(device);
    String signed = VERSION + "." + B64.encodeToString(payload.array());
    return Cookie.of(NAME, signed + "." + B64.encodeToString(sign(signed)))
        .path("/login")
        .httpOnly(true)
        .secure(secure)
        .sameSite(SameSite.Strict)
        .maxAge(config.deviceCookieLifetime());
  }

  private byte[] sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
