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
import se.saknad.support.Json;

@MicronautTest(transactional = false)
class SigningInTest extends ApiTest {
  private static final String SECRET =
      "test-secret-that-is-long-enough-for-hs256-signing-0123456789";

  @Test
  void theFirstAdministratorSignsInAndGetsABearerToken() {
    Json body = as(null).post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
    assertNotNull(body.string("access_token"));
    assertEquals("Bearer", body.string("token_type"));
    assertEquals(900, body.integer("expires_in"));
  }

  @Test
  void aWrongPasswordIs401() {
    Json problem = problemOf(401, () -> login("admin", "not-the-password"));
    assertEquals("urn:saknad:problem:bad-credentials", problem.string("type"));
  }

  @Test
  void anUnknownAccountIs401LikeAWrongPassword() {
    problemOf(401, () -> login("nobody-at-all", "whatever-password"));
  }

  @Test
  void withoutATrustedHeaderAForwardedForHeaderDoesNotEscapeTheThrottle() {
    String username = "throttled-" + System.nanoTime();
    as(adminToken())
        .post(
            "/api/v1/users",
            Map.of("username", username, "password", PASSWORD, "role", "RESEARCHER"));
    for (int i = 0; i < 5; i++) {
      String address = "203.0.113." + i;
      problemOf(
          401,
          () ->
              as(null)
                  .exchange(
                      HttpRequest.POST(
                              "/login", Map.of("username", username, "password", "wrong password!"))
                          .header("X-Forwarded-For", address)));
    }
    // No header is trusted by default: every attempt came from this test's own address.
    Json problem =
        problemOf(
            429,
            () ->
                as(null)
                    .exchange(
                        HttpRequest.POST(
                                "/login", Map.of("username", username, "password", PASSWORD))
                            .header("X-Forwarded-For", "198.51.100.99")));
    assertEquals("urn:saknad:problem:sign-in-throttled", problem.string("type"));
    // Other accounts are not affected.
    assertNotNull(login("admin", ADMIN_PASSWORD));
  }

  @Test
  void anEmptyLoginBodyIsAValidationProblemNamingTheFields() {
    Json problem = problemOf(400, () -> as(null).post("/login", Map.of("username", "")));
    assertTrue(
        errorFields(problem).containsAll(List.of("password", "username")), problem.toString());
  }

  @Test
  void aTokenWithAlgNoneIsRejected() {
    JWTClaimsSet claims = claims(Instant.now().plusSeconds(600));
    String token = new PlainJWT(claims).serialize();
    problemOf(401, () -> as(token).get("/api/v1/users"));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
    String token =
        sign(
            claims(Instant.now().plusSeconds(600)),
            "another-secret-that-is-also-long-enough-0123456789");
    problemOf(401, () -> as(token).get("/api/v1/users"));
  }

  @Test
  void anExpiredTokenIsRejected() throws Exception {
    String token = sign(claims(Instant.now().minusSeconds(60)), SECRET);
    problemOf(401, () -> as(token).get("/api/v1/users"));
  }

  @Test
  void aTokenSignedWithTheRightKeyIsAccepted() throws Exception {
    String token = sign(claims(Instant.now().plusSeconds(600)), SECRET);
    as(token).get("/api/v1/users");
  }

  @Test
  void aTokenWithoutExpiryIsRejected() throws Exception {
    JWTClaimsSet withoutExpiry =
        new JWTClaimsSet.Builder(claims(Instant.now().plusSeconds(600)))
            .expirationTime(null)
            .build();
    String token = sign(withoutExpiry, SECRET);
    problemOf(401, () -> as(token).get("/api/v1/users"));
  }

  @Test
  void onlyHs256IsAcceptedEvenWithTheRightKey() throws Exception {
    // HS384 can be made with the 61-byte test key (HS512 would need 64 bytes).
    SignedJWT jwt =
        new SignedJWT(new JWSHeader(JWSAlgorithm.HS384), claims(Instant.now().plusSeconds(600)));
    jwt.sign(new MACSigner(SECRET));
    problemOf(401, () -> as(jwt.serialize()).get("/api/v1/users"));
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
          as(adminToken()).get("/api/v1/users").strings("[?(@.username == 'admin')].id").get(0);
    }
    return adminId;
  }

  private static String sign(JWTClaimsSet claims, String secret) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }
}
