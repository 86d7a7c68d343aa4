package se.saknad.common;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Serves the OpenAPI document generated from the code at compile time. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class ApiDescriptionController {
  private final String document = load();

  @Get("/openapi.yml")
  @Produces("application/yaml")
  HttpResponse<String> openApi() {
    return HttpResponse.ok(document);
  }

  private static String load() {
    try (InputStream in =
        ApiDescriptionController.class.getResourceAsStream("/META-INF/swagger/saknad.yml")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
