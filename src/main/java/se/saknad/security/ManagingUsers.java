package se.saknad.security;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.saknad.common.ProblemException;
import se.saknad.geo.ReferenceGeography;
import se.saknad.security.UserApi.NewUser;
import se.saknad.security.UserApi.UserView;

/** Creating and listing the people who sign in, with the bindings their role needs. */
@Singleton
public class ManagingUsers {
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final ReferenceGeography geography;
  private final JdbcOperations jdbc;
  private final Clock clock;

  ManagingUsers(
      UserRepository users,
      PasswordHasher hasher,
      ReferenceGeography geography,
      JdbcOperations jdbc,
      Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.geography = geography;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  public UserView create(NewUser request) {
    switch (request.role()) {
      case HVB_STAFF -> require(request.homeId() != null, "homeId", "HVB staff belong to a home");
      case POLICE ->
          require(
              request.policeRegion() != null, "policeRegion", "police belong to a police region");
      case SOCIAL_SERVICES ->
          require(
              request.municipalityCode() != null,
              "municipalityCode",
              "social services belong to a municipality");
      default -> {}
    }
    if (request.municipalityCode() != null
        && !geography.municipalityExists(request.municipalityCode())) {
      throw ProblemException.invalid("municipalityCode", "unknown municipality code");
    }
    if (request.policeRegion() != null && !geography.policeRegionExists(request.policeRegion())) {
      throw ProblemException.invalid("policeRegion", "unknown police region");
    }
    if (request.homeId() != null && !exists("home", request.homeId())) {
      throw ProblemException.invalid("homeId", "unknown home");
    }
    if (request.recipientId() != null && !exists("recipient", request.recipientId())) {
      throw ProblemException.invalid("recipientId", "unknown recipient");
    }
    if (users.findByLogin(request.username()).isPresent()) {
      throw ProblemException.conflict(
          "username-taken", "Username taken", "Choose another username", Map.of());
    }
    UserAccount saved =
        users.save(
            new UserAccount(
                UUID.randomUUID(),
                request.username(),
                hasher.hash(request.password()),
                request.role(),
                request.homeId(),
                request.recipientId(),
                request.municipalityCode(),
                request.policeRegion(),
                clock.instant()));
    return UserView.of(saved);
  }

  @Transactional
  public List<UserView> list() {
    return users.listAll().stream().map(UserView::of).toList();
  }

  @Transactional
  public boolean anyUserExists() {
    return users.count() > 0;
  }

  private boolean exists(String table, UUID id) {
    return jdbc.prepareStatement(
        "SELECT 1 FROM " + table + " WHERE id = ?",
        s -> {
          s.setObject(1, id);
          try (ResultSet rs = s.executeQuery()) {
            return rs.next();
          }
        });
  }

  private static void require(boolean condition, String field, String message) {
    if (!condition) {
      throw ProblemException.invalid(field, message);
    }
  }
}
