package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

@MicronautTest(transactional = false)
class SigningInTest extends ApiTest {
  private static final String SECRET =
      "test-secret-that-is-long-enough-for-hs256-signing-0123456789";

  @Test
  void theFirstAdministratorSignsInAndGetsABearerToken() {
    Map<?, ?> body =
        http()
            .retrieve(
                HttpRequest.POST("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD)),
                Map.class);
    assertNotNull(body.get("access_token"));
    assertEquals("Bearer", body.get("token_type"));
    assertEquals(900, ((Number) body.get("expires_in")).intValue());
  }

  @Test
  void aWrongPasswordIs401() {
    Map<String, Object> problem = problem(401, () -> login("admin", "not-the-password"));
    assertEquals("urn:saknad:problem:bad-credentials", problem.get("type"));
  }

  @Test
  void anUnknownAccountIs401LikeAWrongPassword() {
    problem(401, () -> login("nobody-at-all", "whatever-password"));
  }

  @Test
  void withoutATrustedHeaderAForwardedForHeaderDoesNotEscapeTheThrottle() {
    String username = "throttled-" + System.nanoTime();
    post(
        adminToken(),
        "/api/v1/users",
        Map.of("username", username, "password", PASSWORD, "role", "RESEARCHER"));
    for (int i = 0; i < 5; i++) {
      String address = "203.0.113." + i;
      problem(
          401,
          () ->
              http()
                  .retrieve(
                      HttpRequest.POST(
                              "/login", Map.of("username", username, "password", "wrong password!"))
                          .header("X-Forwarded-For", address)));
    }
    // No header is trusted by default: every attempt came from this test's own address.
    Map<String, Object> problem =
        problem(
            429,
            () ->
                http()
                    .retrieve(
                        HttpRequest.POST(
                                "/login", Map.of("username", username, "password", PASSWORD))
                            .header("X-Forwarded-For", "198.51.100.99")));
    assertEquals("urn:saknad:problem:sign-in-throttled", problem.get("type"));
    // Other accounts are not affected.
    assertNotNull(login("admin", ADMIN_PASSWORD));
  }

  @Test
  void anEmptyLoginBodyIsAValidationProblemNamingTheFields() {
    Map<String, Object> problem =
        problem(400, () -> http().exchange(HttpRequest.POST("/login", Map.of("username", ""))));
    assertTrue(
        errorFields(problem).containsAll(List.of("password", "username")), problem.toString());
  }

  @Test
  void aTokenWithAlgNoneIsRejected() {
    JWTClaimsSet claims = claims(Instant.now().plusSeconds(600));
    String token = new PlainJWT(claims).serialize();
    problem(401, () -> get(token, "/api/v1/users"));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
    String token =
        sign(
            claims(Instant.now().plusSeconds(600)),
            "another-secret-that-is-also-long-enough-0123456789");
    problem(401, () -> get(token, "/api/v1/users"));
  }

  @Test
  void anExpiredTokenIsRejected() throws Exception {
    String token = sign(claims(Instant.now().minusSeconds(60)), SECRET);
    problem(401, () -> get(token, "/api/v1/users"));
  }

  @Test
  void aTokenSignedWithTheRightKeyIsAccepted() throws Exception {
    String token = sign(claims(Instant.now().plusSeconds(600)), SECRET);
    getList(token, "/api/v1/users");
  }

  @Test
  void aTokenWithoutExpiryIsRejected() throws Exception {
    JWTClaimsSet withoutExpiry =
        new JWTClaimsSet.Builder(claims(Instant.now().plusSeconds(600)))
            .expirationTime(null)
            .build();
    problem(401, () -> get(sign(withoutExpiry, SECRET), "/api/v1/users"));
  }

  @Test
  void onlyHs256IsAcceptedEvenWithTheRightKey() throws Exception {
    // HS384 can be made with the 61-byte test key (HS512 would need 64 bytes).
    SignedJWT jwt =
        new SignedJWT(new JWSHeader(JWSAlgorithm.HS384), claims(Instant.now().plusSeconds(600)));
    jwt.sign(new MACSigner(SECRET));
    problem(401, () -> get(jwt.serialize(), "/api/v1/users"));
  }

  private JWTClaimsSet claims(Instant expiry) {
    return new JWTClaimsSet.Builder()
        .subject("admin")
        .claim("roles", List.of("ADMIN"))
        .claim("uid", adminId())
        .issueTime(new Date())
        .expirationTime(Date.from(expiry))
        .build();
  }

  private String adminId;

  /** The real first administrator's id: tokens name an existing, enabled user. */
  private String adminId() {
    if (adminId == null) {
      adminId =
          (String)
              getList(adminToken(), "/api/v1/users").stream()
                  .filter(u -> "admin".equals(u.get("username")))
                  .findFirst()
                  .orElseThrow()
                  .get("id");
    }
    return adminId;
  }

  private static String sign(JWTClaimsSet claims, String secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }
}
