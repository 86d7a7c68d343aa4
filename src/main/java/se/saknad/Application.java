package se.saknad;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.util.Arrays;
import se.saknad.security.FirstAdministrator;

@OpenAPIDefinition(
    info =
        @Info(
            title = "Saknad",
            version = "1",
            description = "Alerts and coordination for children missing from care homes"))
public class Application {
  public static void main(String[] args) {
    if (Arrays.asList(args).contains(FirstAdministrator.RESET)) {
      // A one-off command: migrate, reset the password, stop; no HTTP server is started.
      try (ApplicationContext context =
          ApplicationContext.builder(Application.class)
              .properties(java.util.Map.of(FirstAdministrator.RESET_PROPERTY, true))
              .args(args)
              .start()) {
        context.getBean(FirstAdministrator.class).resetPassword();
      }
      return;
    }
    Micronaut.run(Application.class, args);
  }
}
