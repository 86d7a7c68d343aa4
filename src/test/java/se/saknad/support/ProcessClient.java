package se.saknad.support;

import io.micronaut.serde.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP to a service running as its own process (see {@link ServiceProcess}). */
public final class ProcessClient {
  private final String base;
  private final ObjectMapper json = ObjectMapper.getDefault();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ProcessClient(String base) {
    this.base = base;
  }

  public HttpResponse<String> send(String token, String method, String path, Object body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? BodyPublishers.noBody()
                    : BodyPublishers.ofString(json.writeValueAsString(body)));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  /** A call that must succeed; its JSON answer. */
  public Json call(String token, String method, String path, Object body) throws Exception {
    HttpResponse<String> answer = send(token, method, path, body);
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
    }
    return Json.parse(answer.body());
  }

  public String login(String username, String password) throws Exception {
    return call(null, "POST", "/login", Map.of("username", username, "password", password))
        .string("access_token");
  }

  /** A webhook signed as Twilio signs it, for the public base URL the processes are given. */
  public int signedWebhook(String path, Map<String, String> form) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "X-Twilio-Signature", TwilioSignature.signPath(FakeTwilio.AUTH_TOKEN, path, form))
            .POST(BodyPublishers.ofString(TwilioSignature.formBody(form)))
            .build();
    return http.send(request, BodyHandlers.ofString()).statusCode();
  }

  public int status(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(), BodyHandlers.ofString())
        .statusCode();
  }

  /** A home and a signed-in member of its staff. */
  public record HomeAndStaff(String homeId, String staffToken) {}

  public HomeAndStaff homeWithStaff(
      String adminToken, String name, String address, Map<String, Object> location)
      throws Exception {
    String home =
        call(
                adminToken,
                "POST",
                "/api/v1/homes",
                Map.of("name", name, "address", address, "location", location))
            .string("id");
    String username = "staff-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    call(
        adminToken,
        "POST",
        "/api/v1/users",
        Map.of(
            "username",
            username,
            "password",
            ApiTest.PASSWORD,
            "role",
            "HVB_STAFF",
            "homeId",
            home));
    return new HomeAndStaff(home, login(username, ApiTest.PASSWORD));
  }
}
