package se.saknad.security;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import se.saknad.common.ProblemException;
import se.saknad.geo.ReferenceGeography;
import se.saknad.security.UserApi.AccountChange;
import se.saknad.security.UserApi.NewUser;
import se.saknad.security.UserApi.PasswordChange;
import se.saknad.security.UserApi.UserView;

/** Creating and listing the people who sign in, with the bindings their role needs. */
@Singleton
public class ManagingUsers {
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final ReferenceGeography geography;
  private final JdbcOperations jdbc;
  private final Clock clock;
  private final List<BindableRecords> bindable;
  private final AccountStates states;
  private final ApplicationEventPublisher<AccountStates.Changed> events;
  private final ApplicationEventPublisher<AccountChanged> changes;
  private final LoginThrottle throttle;
  private final TransactionOperations<Connection> transactions;

  ManagingUsers(
      UserRepository users,
      PasswordHasher hasher,
      ReferenceGeography geography,
      JdbcOperations jdbc,
      Clock clock,
      List<BindableRecords> bindable,
      AccountStates states,
      ApplicationEventPublisher<AccountStates.Changed> events,
      ApplicationEventPublisher<AccountChanged> changes,
      LoginThrottle throttle,
      TransactionOperations<Connection> transactions) {
    this.users = users;
    this.hasher = hasher;
    this.geography = geography;
    this.jdbc = jdbc;
    this.clock = clock;
    this.bindable = bindable;
    this.states = states;
    this.events = events;
    this.changes = changes;
    this.throttle = throttle;
    this.transactions = transactions;
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
      case PARTNER ->
          require(
              request.recipientId() != null,
              "recipientId",
              "a partner system reads the feed of the recipient it is bound to");
      default -> {}
    }
    if (request.municipalityCode() != null
        && !geography.municipalityExists(request.municipalityCode())) {
      throw ProblemException.invalid("municipalityCode", "unknown municipality code");
    }
    if (request.policeRegion() != null && !geography.policeRegionExists(request.policeRegion())) {
      throw ProblemException.invalid("policeRegion", "unknown police region");
    }
    requireFittingBindings(
        request.role(),
        request.homeId(),
        request.recipientId(),
        request.municipalityCode(),
        request.policeRegion());
    requireAcceptable(request.password(), "password");
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
                clock.instant(),
                true,
                null));
    return UserView.of(saved);
  }

  /**
   * An administrator disables, enables or resets an account. Disabling and resetting end the
   * account's tokens at once; enabling does not bring old tokens back.
   */
  @Transactional
  public UserView change(Caller admin, UUID id, AccountChange change, String endpoint) {
    UserAccount user = users.findById(id).orElseThrow(() -> ProblemException.notFound("user"));
    if (change.enabled() == null && change.password() == null && change.recipientId() == null) {
      throw ProblemException.badRequest("enabled", "give enabled, password, recipientId or some");
    }
    if (Boolean.FALSE.equals(change.enabled()) && id.equals(admin.userId())) {
      throw ProblemException.invalid(
          "enabled", "an administrator cannot disable their own account");
    }
    if (change.recipientId() != null && !change.recipientId().equals(user.recipientId())) {
      requireFittingBindings(
          user.role(),
          null,
          change.recipientId(),
          user.municipalityCode(),
          user.policeRegionCode());
      // The binding travels in the token: the account signs in again to carry the new one.
      update(
          "UPDATE app_user SET recipient_id = ?, tokens_valid_after = ? WHERE id = ?",
          change.recipientId(),
          Timestamp.from(tokensEnd()),
          id);
      changes.publishEvent(new AccountChanged(admin, "USER_BINDING_CHANGED", id, endpoint));
    }
    if (change.password() != null) {
      requireAcceptable(change.password(), "password");
      setPassword(id, change.password());
      changes.publishEvent(new AccountChanged(admin, "USER_PASSWORD_RESET", id, endpoint));
    }
    if (change.enabled() != null && change.enabled() != user.enabled()) {
      update(
          "UPDATE app_user SET enabled = ?, tokens_valid_after = CASE WHEN ? THEN"
              + " tokens_valid_after ELSE ? END WHERE id = ?",
          change.enabled(),
          change.enabled(),
          Timestamp.from(tokensEnd()),
          id);
      changes.publishEvent(
          new AccountChanged(
              admin, change.enabled() ? "USER_ENABLED" : "USER_DISABLED", id, endpoint));
    }
    states.forget(id);
    events.publishEvent(new AccountStates.Changed(id));
    return UserView.of(users.findById(id).orElseThrow());
  }

  /**
   * Anyone signed in changes their own password; every token they hold ends with the old one. A
   * wrong current password is a failed sign-in of the account from the caller's address, throttled
   * like one (a stolen session cannot guess the password at full speed). Both passwords are hashed
   * with no transaction open.
   */
  public void changeOwnPassword(
      Caller caller, PasswordChange change, String address, String endpoint) {
    UserAccount user =
        users.findById(caller.userId()).orElseThrow(() -> ProblemException.notFound("user"));
    LoginThrottle.Admission admission = throttle.admit(user.username(), address, Optional.empty());
    if (admission instanceof LoginThrottle.Slowed slowed) {
      throw LoginController.throttled(SigningIn.seconds(slowed.retryAfter()));
    }
    long attempt = ((LoginThrottle.Admitted) admission).attempt();
    boolean right;
    try {
      right = hasher.matches(change.currentPassword(), user.passwordHash());
    } catch (RuntimeException notChecked) {
      throttle.withdraw(attempt);
      throw notChecked;
    }
    if (!right) {
      throw ProblemException.invalid("currentPassword", "is not your current password");
    }
    throttle.succeeded(attempt, user.username(), address, Optional.empty());
    requireAcceptable(change.newPassword(), "newPassword");
    if (change.newPassword().equals(change.currentPassword())) {
      throw ProblemException.invalid("newPassword", "is the same as the current password");
    }
    String hash = hasher.hash(change.newPassword());
    transactions.executeWrite(
        status -> {
          update(
              "UPDATE app_user SET password_hash = ?, tokens_valid_after = ? WHERE id = ?",
              hash,
              Timestamp.from(tokensEnd()),
              user.id());
          changes.publishEvent(new AccountChanged(caller, "PASSWORD_CHANGED", user.id(), endpoint));
          states.forget(user.id());
          events.publishEvent(new AccountStates.Changed(user.id()));
          return null;
        });
  }

  /**
   * Gives the user "admin" a new password from the command line ({@code bin/run
   * --reset-admin-password}), enabled again and with every token it held ended; creates it when it
   * does not exist. Audited as a reset done by that account itself.
   */
  @Transactional
  public void resetFirstAdministrator(String password, String endpoint) {
    requireAcceptable(password, "password");
    UserAccount admin = users.findByLogin("admin").orElse(null);
    if (admin == null) {
      create(new NewUser("admin", password, Role.ADMIN, null, null, null, null));
      return;
    }
    setPassword(admin.id(), password);
    update("UPDATE app_user SET enabled = true WHERE id = ?", admin.id());
    changes.publishEvent(
        new AccountChanged(
            new Caller(admin.id(), admin.username(), admin.role(), null, null, null, null),
            "USER_PASSWORD_RESET",
            admin.id(),
            endpoint));
    states.forget(admin.id());
    events.publishEvent(new AccountStates.Changed(admin.id()));
  }

  private void setPassword(UUID id, String password) {
    update(
        "UPDATE app_user SET password_hash = ?, tokens_valid_after = ? WHERE id = ?",
        hasher.hash(password),
        Timestamp.from(tokensEnd()),
        id);
  }

  /**
   * Tokens carry their issue time in whole seconds, so tokens end at the start of the next whole
   * second: every token issued until now (in this second too) is refused, and sign-in waits for
   * that second before issuing a new one.
   */
  private Instant tokensEnd() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
  }

  private void update(String sql, Object... params) {
    jdbc.prepareStatement(
        sql,
        s -> {
          for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
          }
          return s.executeUpdate();
        });
  }

  private static void requireAcceptable(String password, String field) {
    PasswordRules.problem(password)
        .ifPresent(
            problem -> {
              throw ProblemException.invalid(field, problem);
            });
  }

  /** The usernames of some accounts, by id (unknown ids: no entry), for showing who did what. */
  @Transactional
  public Map<UUID, String> usernames(java.util.Collection<UUID> ids) {
    Map<UUID, String> names = new java.util.HashMap<>();
    List<UUID> known = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    if (known.isEmpty()) {
      return names;
    }
    users.findByIdIn(known).forEach(u -> names.put(u.id(), u.username()));
    return names;
  }

  public List<UserView> list() {
    return users.listAll().stream().map(UserView::of).toList();
  }

  @Transactional
  public boolean anyUserExists() {
    return users.count() > 0;
  }

  /**
   * Every binding given must exist and fit the role and area of the account (asked of the feature
   * that owns the record): a 422 naming the field otherwise.
   */
  private void requireFittingBindings(
      Role role, UUID homeId, UUID recipientId, String municipalityCode, String policeRegion) {
    for (BindableRecords records : bindable) {
      UUID bound = "homeId".equals(records.field()) ? homeId : recipientId;
      if (bound == null) {
        continue;
      }
      if (!records.exists(bound)) {
        throw ProblemException.invalid(records.field(), "unknown " + records.noun());
      }
      records
          .misfit(bound, role, municipalityCode, policeRegion)
          .ifPresent(
              why -> {
                throw ProblemException.invalid(records.field(), why);
              });
    }
  }

  private static void require(boolean condition, String field, String message) {
    if (!condition) {
      throw ProblemException.invalid(field, message);
    }
  }
}
