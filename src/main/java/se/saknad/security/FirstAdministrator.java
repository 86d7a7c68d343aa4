package se.saknad.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the user "admin" when nobody can sign in yet, and gives it a new password when the
 * service is started with {@code --reset-admin-password} ({@code bin/run --reset-admin-password}).
 * A generated password is printed once, framed, on standard output, never to the log.
 */
@Context
public class FirstAdministrator implements ApplicationEventListener<StartupEvent> {
  /** The command-line switch (and, as a property, saknad.reset-admin-password). */
  public static final String RESET = "--reset-admin-password";

  public static final String RESET_PROPERTY = "saknad.reset-admin-password";

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

  private final ManagingUsers managingUsers;
  private final String configuredPassword;
  private final String publicBaseUrl;
  private final boolean resetting;
  private final PrintStream out;

  FirstAdministrator(
      ManagingUsers managingUsers,
      @Value("${saknad.admin-password:}") String configuredPassword,
      @Value("${saknad.public-base-url:http://localhost:8080}") String publicBaseUrl,
      @Value("${" + RESET_PROPERTY + ":false}") boolean resetting) {
    this.managingUsers = managingUsers;
    this.resetting = resetting;
    this.configuredPassword = configuredPassword;
    this.publicBaseUrl = publicBaseUrl;
    this.out = System.out;
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
    if (resetting || managingUsers.anyUserExists()) {
      return; // a reset creates "admin" itself when it is missing
    }
    boolean generated = configuredPassword == null || configuredPassword.isBlank();
    String password = generated ? randomPassword() : configuredPassword;
    managingUsers.create(
        new UserApi.NewUser("admin", password, Role.ADMIN, null, null, null, null));
    if (generated) {
      // Shown once, on purpose: this is the only way in on a fresh installation.
      LOG.info("Created user 'admin' with a generated password, shown in a frame on the console");
      out.print(frame(password, "Created the user \"admin\" with the password"));
    } else {
      LOG.info("Created user 'admin' with the password from SAKNAD_ADMIN_PASSWORD");
    }
  }

  /**
   * Sets a new password for "admin" (SAKNAD_ADMIN_PASSWORD when set, otherwise a generated one,
   * which is printed) and enables the account; returns the password.
   */
  public String resetPassword() {
    boolean generated = configuredPassword == null || configuredPassword.isBlank();
    String password = generated ? randomPassword() : configuredPassword;
    managingUsers.resetFirstAdministrator(password, "command line " + RESET);
    LOG.info("Reset the password of user 'admin'; every sign-in it had has ended");
    out.print(
        generated
            ? frame(password, "The user \"admin\" has a new password")
            : "The user \"admin\" has the password from SAKNAD_ADMIN_PASSWORD again.\n");
    return password;
  }

  /** The password in a box that stands out among log lines. */
  String frame(String password, String heading) {
    List<String> lines =
        List.of(
            heading,
            "",
            "    " + password,
            "",
            "Shown only this once. Sign in at " + publicBaseUrl + "/ as admin and",
            "change it under \"Byt lösenord\". Lost it? bin/run " + RESET + " sets",
            "a new one (README, \"First start\").");
    int width = lines.stream().mapToInt(String::length).max().orElse(0) + 4;
    String rule = "#".repeat(width + 2);
    StringBuilder box = new StringBuilder("\n").append(rule).append('\n');
    for (String line : lines) {
      box.append("#  ").append(line).append(" ".repeat(width - line.length() - 2)).append("#\n");
    }
    return box.append(rule).append("\n\n").toString();
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
