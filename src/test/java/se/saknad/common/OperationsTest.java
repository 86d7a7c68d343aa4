package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

@MicronautTest(transactional = false)
class OperationsTest extends ApiTest {

  @Test
  void healthIsUpWhenTheDatabaseAnswers() {
    Map<?, ?> health = http().retrieve(HttpRequest.GET("/health"), Map.class);
    assertEquals("UP", health.get("status"));
  }

  @Test
  void prometheusMetricsAreServed() {
    String metrics =
        http().retrieve(HttpRequest.GET("/prometheus").accept(MediaType.TEXT_PLAIN), String.class);
    assertTrue(
        metrics.contains("jvm_memory_used_bytes"),
        metrics.substring(0, Math.min(300, metrics.length())));
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    String spec = http().retrieve(HttpRequest.GET("/openapi.yml"), String.class);
    assertTrue(spec.contains("/api/v1/geo/locate"));
  }

  @Test
  void brokenJsonIsAProblemWithoutEchoingTheInput() {
    Map<String, Object> problem =
        problem(
            400,
            () ->
                http()
                    .exchange(
                        HttpRequest.POST("/api/v1/users", "{\"username\": \"Ahmad Karimi\", ")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bearerAuth(adminToken())));
    assertTrue(!problem.toString().contains("Karimi"), problem.toString());
  }
}
