package se.saknad;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(
    info =
        @Info(
            title = "Saknad",
            version = "1",
            description = "Alerts and coordination for children missing from care homes"))
public class Application {
  public static void main(String[] args) {
    Micronaut.run(Application.class, args);
  }
}
