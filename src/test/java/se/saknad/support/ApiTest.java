package se.saknad.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * Base of the HTTP-level tests: the real service on a real PostgreSQL + PostGIS. Tests call the
 * service with {@link #as} and read its answers as {@link Json}, build their fixtures with {@link
 * #aHome}, {@link #aChild}, {@link #aUser}, {@link #aRecipient}, {@link #aReport} and {@link
 * #aReturn}, and reach rows only through {@link TestDatabase}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTest implements TestPropertyProvider {
  public static final String ADMIN_PASSWORD = "admin-test-password";
  public static final String PASSWORD = "correct horse battery";

  @Inject
  @Client("/")
  protected HttpClient client;

  @Inject protected TransactionOperations<Connection> transactions;

  private final Map<String, String> tokens = new HashMap<>();

  /** Personal data the fixtures made up; none of it may appear in the service's log. */
  private static final java.util.Set<String> PERSONAL =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Registers made-up personal data (names, phones, dossier numbers) for the log check. */
  protected static void personal(Object value) {
    if (value instanceof String s && s.strip().length() >= 4) {
      PERSONAL.add(s.strip());
    } else if (value instanceof java.util.Collection<?> c) {
      c.forEach(ApiTest::personal);
    } else if (value instanceof Map<?, ?> m) {
      m.values().forEach(ApiTest::personal);
    }
  }

  @org.junit.jupiter.api.AfterAll
  void noPersonalDataReachedTheLog() {
    List<String> leaks = new java.util.ArrayList<>();
    for (String entry : CapturedLog.drain()) {
      // The frames of a stack trace are the code's own names (a fixture's made-up word may be one
      // of them); what an exception says of the data is in its message lines.
      String line =
          entry
              .lines()
              .filter(l -> !l.matches("\\s+(at |\\.\\.\\. \\d+ more).*"))
              .collect(java.util.stream.Collectors.joining("\n"));
      for (String value : PERSONAL) {
        // as a word of its own: a made-up name may be the start of a class name ("Prov...")
        if (line.contains(value)
            && java.util.regex.Pattern.compile(
                    "(?<![\\p{L}\\p{N}])"
                        + java.util.regex.Pattern.quote(value)
                        + "(?![\\p{L}\\p{N}])")
                .matcher(line)
                .find()) {
          leaks.add("'" + value + "' in: " + line.lines().findFirst().orElse(""));
        }
      }
    }
    assertEquals(List.of(), leaks, "personal data in the service's log");
  }

  /** Runs SQL directly on the test database, committed: see {@link TestDatabase#sql}. */
  protected int sql(String statement, Object... params) {
    return TestDatabase.sql(statement, params);
  }

  /** The first column of every row of a query: see {@link TestDatabase#column}. */
  protected List<Object> column(String query, Object... params) {
    return TestDatabase.column(query, params);
  }

  @Override
  public Map<String, String> getProperties() {
    return TestDatabase.properties();
  }

  protected BlockingHttpClient http() {
    return client.toBlocking();
  }

  protected String login(String username, String password) {
    return as(null)
        .post("/login", Map.of("username", username, "password", password))
        .string("access_token");
  }

  protected String adminToken() {
    return tokens.computeIfAbsent("admin", u -> login("admin", ADMIN_PASSWORD));
  }

  /** Creates a user with the given role and bindings and returns a token for it. */
  protected String userToken(String role, Map<String, Object> bindings) {
    String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = new HashMap<>(bindings);
    body.put("username", username);
    body.put("password", PASSWORD);
    body.put("role", role);
    http().exchange(as(adminToken(), HttpRequest.POST("/api/v1/users", body)));
    return login(username, PASSWORD);
  }

  protected static <T> MutableHttpRequest<T> as(String token, MutableHttpRequest<T> request) {
    return request.bearerAuth(token);
  }

  /** Posts a provider's webhook form to {@code path} with {@code signature} as its signature. */
  protected HttpResponse<String> webhook(String path, Map<String, String> form, String signature) {
    return http()
        .exchange(
            HttpRequest.POST(path, TwilioSignature.formBody(form))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", signature),
            String.class);
  }

  /** Posts a webhook to {@code path} signed as Twilio signs it with {@code authToken}. */
  protected HttpResponse<String> signedWebhook(
      String authToken, String path, Map<String, String> form) {
    return webhook(path, form, TwilioSignature.signPath(authToken, path, form));
  }

  /** An SMS from {@code from} to {@code to}, posted and signed as Twilio does. */
  protected HttpResponse<String> inboundSms(String authToken, String from, String to, String text) {
    return signedWebhook(
        authToken,
        "/sms/inbound",
        Map.of(
            "MessageSid", TwilioSignature.newMessageSid(), "From", from, "To", to, "Body", text));
  }

  /**
   * Calls the service as the holder of {@code token} (no token: anonymously); every answer is read
   * as {@link Json}. Calls that must fail go inside {@link #problemOf}.
   */
  protected Calls as(String token) {
    return new Calls(http(), token);
  }

  /** Asserts that the call fails with {@code status} as problem+json and returns the problem. */
  protected static Json problemOf(int status, Executable call) {
    Json problem =
        Json.parse(refused(status, call).getResponse().getBody(String.class).orElseThrow());
    assertTrue(String.valueOf(problem.string("type")).startsWith("urn:saknad:problem:"));
    return problem;
  }

  /** The fields a problem's {@code errors} name, in order; none when it names none. */
  protected static List<String> errorFields(Json problem) {
    return problem.has("errors") ? problem.strings("errors[*].field") : List.of();
  }

  private static HttpClientResponseException refused(int status, Executable call) {
    HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call);
    assertEquals(
        status,
        e.getStatus().getCode(),
        () -> "body: " + e.getResponse().getBody(String.class).orElse(""));
    assertTrue(
        e.getResponse()
            .getContentType()
            .map(t -> t.toString().startsWith("application/problem+json"))
            .orElse(false),
        "content type " + e.getResponse().getContentType());
    return e;
  }

  // ---- fixtures as builders ----

  protected HomeBuilder aHome() {
    return new HomeBuilder(this);
  }

  protected ChildBuilder aChild() {
    return new ChildBuilder(this);
  }

  protected UserBuilder aUser() {
    return new UserBuilder(this);
  }

  protected RecipientBuilder aRecipient() {
    return new RecipientBuilder(this);
  }

  protected ReportBuilder aReport() {
    return new ReportBuilder(this);
  }

  protected ReturnBuilder aReturn() {
    return new ReturnBuilder(this);
  }

  /** A token of a staff user of {@code home}, created once per home and test class. */
  protected String staffOf(UUID home) {
    return tokens.computeIfAbsent("HVB_STAFF " + home, k -> aUser().staffOf(home).create());
  }

  // ---- small fixtures ----

  public static final Map<String, Object> TYRESO_CENTRUM = Map.of("lat", 59.2435, "lon", 18.2290);
  public static final Map<String, Object> MALMO = Map.of("lat", 55.6050, "lon", 13.0038);
  public static final Map<String, Object> KIRUNA = Map.of("lat", 67.8558, "lon", 20.2253);

  protected UUID newHome(Map<String, Object> location) {
    return as(adminToken())
        .post(
            "/api/v1/homes",
            Map.of(
                "name", "HVB " + UUID.randomUUID(), "address", "Storgatan 1", "location", location))
        .id();
  }

  protected static Map<String, Object> profile(UUID homeId, String given, String family) {
    Map<String, Object> p = new HashMap<>();
    p.put("homeId", homeId);
    p.put("givenName", given);
    p.put("familyName", family);
    p.put("aliases", List.of());
    p.put("dateOfBirth", "2010-03-14");
    p.put("gender", "MALE");
    p.put("nationality", "AF");
    p.put("languages", List.of("prs", "fa"));
    p.put("description", "Kort, mörkt hår, ärr på vänster hand");
    p.put("riskIndicators", List.of("PREVIOUS_DISAPPEARANCE"));
    p.put("guardian", Map.of("name", "Eva Gode", "phone", "+46701234567"));
    p.put("responsibleMunicipalityCode", "0138");
    return p;
  }

  protected UUID newChild(String token, Map<String, Object> profile) {
    for (String field :
        List.of("givenName", "familyName", "aliases", "dossierNumber", "description", "guardian")) {
      personal(profile.get(field));
    }
    return as(token).post("/api/v1/children", profile).id();
  }

  /** Every page of a list, following each answer's {@code Link rel="next"}: the items, per page. */
  protected List<List<Json>> pages(String token, String uri) {
    List<List<Json>> pages = new java.util.ArrayList<>();
    for (String next = uri; next != null; ) {
      HttpResponse<String> page = as(token).exchange(HttpRequest.GET(next));
      pages.add(Json.parse(page.body()).list());
      next = nextPage(page);
    }
    return pages;
  }

  /** The address of the next page a list answer names, or null on the last page. */
  protected static String nextPage(HttpResponse<?> page) {
    String link = page.getHeaders().get(io.micronaut.http.HttpHeaders.LINK);
    if (link == null) {
      return null;
    }
    java.util.regex.Matcher next =
        java.util.regex.Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(link);
    return next.find() ? next.group(1) : null;
  }
}
