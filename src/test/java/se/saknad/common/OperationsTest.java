package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

@MicronautTest(transactional = false)
class OperationsTest extends ApiTest {
  @Inject EmbeddedServer server;

  @Test
  void healthIsUpWhenTheDatabaseAnswers() {
    assertEquals("UP", as(null).get("/health").string("status"));
  }

  @Test
  void anonymousHealthIsTheStatusOnly() throws Exception {
    HttpResponse<String> health = raw("/health", null);
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"UP\"}", health.body().replace(" ", ""));
  }

  @Test
  void metricsAreForAdministratorsOnly() throws Exception {
    String coordinator = aUser().coordinator().create();
    for (String path : List.of("/prometheus", "/metrics", "/metrics/jvm.memory.used")) {
      assertEquals(401, raw(path, null).statusCode(), path);
      assertEquals(403, raw(path, coordinator).statusCode(), path);
      assertEquals(200, raw(path, adminToken()).statusCode(), path);
    }
    assertTrue(raw("/prometheus", adminToken()).body().contains("jvm_memory_used_bytes"));
  }

  @Test
  void introspectionEndpointsAreOff() throws Exception {
    for (String path :
        List.of(
            "/beans",
            "/threaddump",
            "/routes",
            "/flyway",
            "/env",
            "/loggers",
            "/info",
            "/refresh",
            "/caches",
            "/stop")) {
      int anonymous = raw(path, null).statusCode();
      assertTrue(anonymous == 401 || anonymous == 404, path + " anonymously: " + anonymous);
      int admin = raw(path, adminToken()).statusCode();
      assertTrue(admin == 403 || admin == 404, path + " as admin: " + admin);
    }
  }

  @Test
  void theDriverKeepsTheServersErrorDetailOutOfMessages() throws Exception {
    boolean detail =
        transactions.executeRead(
            status ->
                status
                    .getConnection()
                    .unwrap(org.postgresql.core.BaseConnection.class)
                    .getLogServerErrorDetail());
    assertEquals(false, detail);
  }

  @Test
  void noErrorAnswerEchoesWhatWasSent() {
    String sent = "9999<img src=x onerror=alert(1)>";
    Json problem =
        problemOf(
            422,
            () ->
                aRecipient()
                    .named("Ekojouren")
                    .shelter()
                    .covering("0138", sent)
                    .phone("+46701777002")
                    .create());
    assertEquals(List.of("coverage.municipalityCodes"), errorFields(problem));
    assertTrue(!problem.toString().contains("9999"), problem.toString());
    assertTrue(!problem.toString().contains("onerror"), problem.toString());
  }

  @Test
  void answersAreNeverSniffedAndApiAnswersNeverStored() throws Exception {
    String coordinator = aUser().coordinator().create();
    for (String[] call :
        new String[][] {
          {"/api/v1/children", coordinator},
          {"/api/v1/cases", coordinator},
          {"/api/v1/children", null},
          {"/api/v1/nothing-here", coordinator}
        }) {
      HttpResponse<String> answer = raw(call[0], call[1]);
      assertEquals(
          "no-store",
          answer.headers().firstValue("Cache-Control").orElse(""),
          call[0] + " " + answer.statusCode());
      assertEquals(
          "nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), call[0]);
    }
    for (String path : List.of("/health", "/app/index.html", "/openapi.yml", "/nothing-here")) {
      assertEquals(
          "nosniff",
          raw(path, null).headers().firstValue("X-Content-Type-Options").orElse(""),
          path);
    }
    // The token answer is not kept in any cache either.
    HttpResponse<String> signedIn =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + "/login"))
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, signedIn.statusCode());
    assertEquals("no-store", signedIn.headers().firstValue("Cache-Control").orElse(""));
    // Served over plain http here: no HSTS (see SecurityHeadersOverHttpsTest).
    assertTrue(raw("/health", null).headers().firstValue("Strict-Transport-Security").isEmpty());
  }

  private HttpResponse<String> raw(String path, String token) throws Exception {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    String spec = http().retrieve(HttpRequest.GET("/openapi.yml"), String.class);
    assertTrue(spec.contains("/api/v1/geo/locate"));
  }

  @Test
  void brokenJsonIsAProblemWithoutEchoingTheInput() {
    Json problem =
        problemOf(
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
