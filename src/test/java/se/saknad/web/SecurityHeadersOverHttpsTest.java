package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/** When the public base URL is https, browsers are told to use nothing else. */
@MicronautTest(transactional = false)
@Property(name = "saknad.public-base-url", value = "https://saknad.example.se")
class SecurityHeadersOverHttpsTest extends ApiTest {

  @Test
  void everyAnswerCarriesStrictTransportSecurity() {
    for (String path : java.util.List.of("/health", "/app/index.html")) {
      HttpResponse<String> answer = http().exchange(HttpRequest.GET(path), String.class);
      String hsts = answer.getHeaders().get("Strict-Transport-Security");
      assertTrue(hsts != null && hsts.startsWith("max-age="), path + ": " + hsts);
    }
  }
}
