package se.saknad.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;

/**
 * The signed-in person making a request, with the bindings that scope what they see. Bound as a
 * controller argument ({@link CallerBinder}); as a {@link Principal} it stays out of the OpenAPI
 * document's parameters.
 */
public record Caller(
    UUID userId,
    String username,
    Role role,
    @Nullable UUID homeId,
    @Nullable UUID recipientId,
    @Nullable String municipalityCode,
    @Nullable String policeRegion)
    implements Principal {

  static final String USER_ID = "uid";
  static final String HOME_ID = "homeId";
  static final String RECIPIENT_ID = "recipientId";
  static final String MUNICIPALITY = "municipalityCode";
  static final String POLICE_REGION = "policeRegion";

  public static Caller of(Authentication authentication) {
    Map<String, Object> attributes = authentication.getAttributes();
    Role role =
        authentication.getRoles().stream()
            .findFirst()
            .map(Role::valueOf)
            .orElseThrow(() -> new IllegalStateException("token without role"));
    return new Caller(
        uuid(attributes.get(USER_ID)),
        authentication.getName(),
        role,
        uuid(attributes.get(HOME_ID)),
        uuid(attributes.get(RECIPIENT_ID)),
        string(attributes.get(MUNICIPALITY)),
        string(attributes.get(POLICE_REGION)));
  }

  /** The username. */
  @Override
  public String getName() {
    return username;
  }

  public boolean is(Role... roles) {
    for (Role r : roles) {
      if (role == r) {
        return true;
      }
    }
    return false;
  }

  private static UUID uuid(Object value) {
    return value == null ? null : UUID.fromString(value.toString());
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
