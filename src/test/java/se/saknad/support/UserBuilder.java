package se.saknad.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A user created by the admin, signed in: {@code aUser().staffOf(home).create()} answers the user's
 * token.
 */
public final class UserBuilder {
  private final ApiTest api;
  private final Map<String, Object> body = new HashMap<>();

  UserBuilder(ApiTest api) {
    this.api = api;
  }

  public UserBuilder role(String role) {
    body.put("role", role);
    return this;
  }

  public UserBuilder staffOf(UUID home) {
    return role("HVB_STAFF").with("homeId", home);
  }

  public UserBuilder coordinator() {
    return role("COORDINATOR");
  }

  public UserBuilder researcher() {
    return role("RESEARCHER");
  }

  public UserBuilder police(String region) {
    return role("POLICE").with("policeRegion", region);
  }

  public UserBuilder socialServices(String municipalityCode) {
    return role("SOCIAL_SERVICES").with("municipalityCode", municipalityCode);
  }

  /** Binds the user to a recipient (its alerts are theirs to read and acknowledge). */
  public UserBuilder forRecipient(UUID recipient) {
    return with("recipientId", recipient);
  }

  public UserBuilder named(String username) {
    return with("username", username);
  }

  public UserBuilder with(String field, Object value) {
    body.put(field, value);
    return this;
  }

  /** A created user: its id, its username and a token. */
  public record Account(UUID id, String username, String token) {}

  /** Creates the user and answers a token for it. */
  public String create() {
    return createAccount().token();
  }

  /** Creates the user and answers its id, username and a token. */
  public Account createAccount() {
    Object role = body.get("role");
    if (role == null) {
      throw new IllegalStateException("a user needs a role");
    }
    body.putIfAbsent(
        "username",
        role.toString().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8));
    body.putIfAbsent("password", ApiTest.PASSWORD);
    String username = body.get("username").toString();
    UUID id = api.as(api.adminToken()).post("/api/v1/users", body).id();
    return new Account(id, username, api.login(username, body.get("password").toString()));
  }
}
