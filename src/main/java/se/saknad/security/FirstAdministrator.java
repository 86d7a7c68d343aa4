package se.saknad.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the user "admin" when nobody can sign in yet. */
@Context
class FirstAdministrator implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

  private final ManagingUsers managingUsers;
  private final String configuredPassword;

  FirstAdministrator(
      ManagingUsers managingUsers, @Value("${saknad.admin-password:}") String configuredPassword) {
    this.managingUsers = managingUsers;
    this.configuredPassword = configuredPassword;
    // Checked at every start, not only the first: a weak value in the environment is refused.
    if (configuredPassword != null && !configuredPassword.isBlank()) {
      PasswordRules.problem(configuredPassword)
          .ifPresent(
              problem -> {
                throw new IllegalStateException(
                    "SAKNAD_ADMIN_PASSWORD "
                        + problem
                        + ": set a password of 12 to 72 bytes that is not a common one");
              });
    }
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (managingUsers.anyUserExists()) {
      return;
    }
    boolean generated = configuredPassword == null || configuredPassword.isBlank();
    String password = generated ? randomPassword() : configuredPassword;
    managingUsers.create(
        new UserApi.NewUser("admin", password, Role.ADMIN, null, null, null, null));
    if (generated) {
      // Printed once, on purpose: this is the only way in on a fresh installation.
      LOG.warn("Created user 'admin' with generated password: {}", password);
    } else {
      LOG.info("Created user 'admin' with the password from SAKNAD_ADMIN_PASSWORD");
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
