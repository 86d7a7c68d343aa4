package se.saknad.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server speaking the part of Twilio's REST contract Saknad uses (POST
 * /2010-04-01/Accounts/{sid}/Messages.json, answering a Message resource or a Twilio error; DELETE
 * and body-redacting POST of /Messages/{Sid}.json; POST /Calls.json answering a Call resource and
 * DELETE /Calls/{Sid}.json), so the real SDK can be tested. Scripted answers and outages apply to
 * messages and calls alike and make it fail on demand.
 */
public final class FakeTwilio implements AutoCloseable {
  public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
  public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
  public static final String FROM = "+46766861004";

  /** One request the service made. */
  public record Sent(
      String to,
      String from,
      String body,
      String statusCallback,
      String authorization,
      long atNanos) {}

  /** One call the service placed. */
  public record Call(
      String sid, String to, String from, String twiml, String statusCallback, String timeout) {}

  private final HttpServer server;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<String> deletedCalls = Collections.synchronizedList(new ArrayList<>());
  private static final java.util.regex.Pattern CALL =
      java.util.regex.Pattern.compile(
          "/2010-04-01/Accounts/[^/]+/Calls/(CA[0-9a-fA-F]{32})\\.json");
  private final List<Sent> accepted = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> requestedBodies = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Integer> script = new ConcurrentLinkedDeque<>();
  private final Deque<Integer> callScript = new ConcurrentLinkedDeque<>();
  private final AtomicInteger sids = new AtomicInteger();
  private final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
  private final List<String> redacted = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Integer> deleteScript = new ConcurrentLinkedDeque<>();
  private static final java.util.regex.Pattern MESSAGE =
      java.util.regex.Pattern.compile("/2010-04-01/Accounts/[^/]+/Messages/([^/]+)\\.json");
  private static final java.util.regex.Pattern MESSAGE_SID =
      java.util.regex.Pattern.compile("^(SM|MM)[0-9a-fA-F]{32}$");
  private volatile int delayMillis;
  private volatile int outage;
  private final AtomicInteger refused = new AtomicInteger();

  public FakeTwilio() throws IOException {
    // Without TCP_NODELAY the JDK server's replies wait for delayed ACKs (~40 ms each).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext("/2010-04-01/Accounts/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  /** A started stand-in, for set-ups that cannot throw checked exceptions. */
  public static FakeTwilio started() {
    try {
      return new FakeTwilio();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public Map<String, String> properties() {
    return Map.of(
        "twilio.account-sid", ACCOUNT_SID,
        "twilio.auth-token", AUTH_TOKEN,
        "twilio.from-number", FROM,
        "twilio.api-base-url", baseUrl());
  }

  /** The next answers, in order: 201, 500, 429, 400, or 0 for "hang until the client gives up". */
  public void script(Integer... statuses) {
    script.addAll(List.of(statuses));
  }

  /**
   * The next answers to POST /Calls.json only, in order: an SMS sent meanwhile by another case
   * cannot take the answer meant for a call.
   */
  public void scriptCalls(Integer... statuses) {
    callScript.addAll(List.of(statuses));
  }

  /** From now on every message request is answered with {@code status} (e.g. 503). */
  public void outage(int status) {
    outage = status;
  }

  /** Messages are accepted again. */
  public void endOutage() {
    outage = 0;
  }

  /** How many message requests an outage refused. */
  public int refused() {
    return refused.get();
  }

  /** Every answer waits this long, like a provider under load. */
  public void delayEachAnswer(int millis) {
    delayMillis = millis;
  }

  /** The next answers to DELETE /Messages/{Sid}.json, in order: 204 (deleted), 404, 500, 503... */
  public void scriptDeletes(Integer... statuses) {
    deleteScript.addAll(List.of(statuses));
  }

  /** Message sids deleted (answered 204), in order. */
  public List<String> deleted() {
    synchronized (deleted) {
      return List.copyOf(deleted);
    }
  }

  /** Message sids whose body was redacted (POST Body=""), in order. */
  public List<String> redacted() {
    synchronized (redacted) {
      return List.copyOf(redacted);
    }
  }

  public List<Sent> accepted() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  /** Every call accepted, in order. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public List<Call> callsTo(String phone) {
    return calls().stream().filter(c -> c.to().equals(phone)).toList();
  }

  /** Call sids deleted, in order. */
  public List<String> deletedCalls() {
    synchronized (deletedCalls) {
      return List.copyOf(deletedCalls);
    }
  }

  public List<Sent> acceptedTo(String phone) {
    return accepted().stream().filter(s -> s.to().equals(phone)).toList();
  }

  /** Every message request whose body contains {@code text}, answered with success or not. */
  public long requestsContaining(String text) {
    synchronized (requestedBodies) {
      return requestedBodies.stream().filter(b -> b.contains(text)).count();
    }
  }

  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    Map<String, String> form =
        parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    java.util.regex.Matcher one = MESSAGE.matcher(exchange.getRequestURI().getPath());
    if (one.matches()) {
      oneMessage(exchange, one.group(1), form);
      return;
    }
    java.util.regex.Matcher oneCall = CALL.matcher(exchange.getRequestURI().getPath());
    if (oneCall.matches() && "DELETE".equals(exchange.getRequestMethod())) {
      deletedCalls.add(oneCall.group(1));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    boolean post = "POST".equals(exchange.getRequestMethod());
    boolean messages = post && exchange.getRequestURI().getPath().endsWith("/Messages.json");
    boolean call = post && exchange.getRequestURI().getPath().endsWith("/Calls.json");
    if (!messages && !call) {
      answer(exchange, 404, "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
      return;
    }
    requestedBodies.add(String.valueOf(call ? form.get("Twiml") : form.get("Body")));
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    int down = outage;
    if (down != 0) {
      refused.incrementAndGet();
      answer(
          exchange,
          down,
          "{\"code\":20" + down + ",\"message\":\"Service Unavailable\",\"status\":" + down + "}");
      return;
    }
    Integer scripted = call ? callScript.poll() : null;
    if (scripted == null) {
      scripted = script.poll();
    }
    int status = scripted == null ? 201 : scripted;
    switch (status) {
      case 0 -> {
        try {
          Thread.sleep(15_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(exchange, 504, "{}");
      }
      case 500 ->
          answer(
              exchange,
              500,
              "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}");
      case 429 ->
          answer(
              exchange, 429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}");
      case 400 ->
          answer(
              exchange,
              400,
              "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
      default -> {
        if (call) {
          placeCall(exchange, form);
          return;
        }
        if (form.get("To") == null
            || form.get("Body") == null
            || (form.get("From") == null && form.get("MessagingServiceSid") == null)) {
          answer(
              exchange,
              400,
              "{\"code\":21604,\"message\":\"A 'To' phone number is required.\",\"status\":400}");
          return;
        }
        // Unique across stand-ins, as Twilio's are: test classes share one database.
        sids.incrementAndGet();
        String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
        accepted.add(
            new Sent(
                form.get("To"),
                form.get("From"),
                form.get("Body"),
                form.get("StatusCallback"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                System.nanoTime()));
        answer(
            exchange,
            201,
            "{\"sid\":\""
                + sid
                + "\",\"account_sid\":\""
                + ACCOUNT_SID
                + "\",\"to\":\""
                + form.get("To")
                + "\",\"from\":\""
                + form.get("From")
                + "\",\"status\":\"queued\",\"num_segments\":\"2\",\"direction\":\"outbound-api\","
                + "\"api_version\":\"2010-04-01\",\"error_code\":null,\"error_message\":null,\"uri\":\"/2010-04-01/Accounts/"
                + ACCOUNT_SID
                + "/Messages/"
                + sid
                + ".json\"}");
      }
    }
  }

  /**
   * POST /Calls.json as Twilio validates it: To and From are required, and exactly what the call
   * does: a Url, inline Twiml (well-formed XML of at most 4,000 characters) or an ApplicationSid; a
   * StatusCallback must be an absolute http(s) URL and a Timeout a whole number.
   */
  private void placeCall(HttpExchange exchange, Map<String, String> form) throws IOException {
    String to = form.get("To");
    String from = form.get("From");
    if (to == null || to.isBlank()) {
      answer(exchange, 400, error(21201, "No 'To' number is specified"));
      return;
    }
    if (from == null || from.isBlank()) {
      answer(exchange, 400, error(21213, "No 'From' number is specified"));
      return;
    }
    if (!to.matches("\\+[1-9][0-9]{6,14}")) {
      answer(exchange, 400, error(21217, "Phone number does not appear to be valid"));
      return;
    }
    String twiml = form.get("Twiml");
    int given =
        (form.get("Url") != null ? 1 : 0)
            + (twiml != null ? 1 : 0)
            + (form.get("ApplicationSid") != null ? 1 : 0);
    if (given == 0) {
      answer(exchange, 400, error(21205, "Url parameter is required"));
      return;
    }
    if (twiml != null && (twiml.length() > 4000 || !wellFormed(twiml))) {
      answer(exchange, 400, error(12100, "Document parse failure"));
      return;
    }
    String callback = form.get("StatusCallback");
    if (callback != null && !callback.matches("https?://[^\\s]+")) {
      answer(exchange, 400, error(21609, "Invalid StatusCallback"));
      return;
    }
    String timeout = form.get("Timeout");
    if (timeout != null && !timeout.matches("[0-9]{1,3}")) {
      answer(exchange, 400, error(21216, "Timeout must be a whole number"));
      return;
    }
    String sid = "CA" + java.util.UUID.randomUUID().toString().replace("-", "");
    calls.add(new Call(sid, to, from, twiml, callback, timeout));
    answer(
        exchange,
        201,
        "{\"sid\":\""
            + sid
            + "\",\"account_sid\":\""
            + ACCOUNT_SID
            + "\",\"to\":\""
            + to
            + "\",\"from\":\""
            + from
            + "\",\"status\":\"queued\",\"direction\":\"outbound-api\","
            + "\"api_version\":\"2010-04-01\",\"uri\":\"/2010-04-01/Accounts/"
            + ACCOUNT_SID
            + "/Calls/"
            + sid
            + ".json\"}");
  }

  private static boolean wellFormed(String xml) {
    try {
      javax.xml.parsers.DocumentBuilderFactory factory =
          javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory
          .newDocumentBuilder()
          .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static String error(int code, String message) {
    return "{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
        + code
        + "\",\"status\":400}";
  }

  /** DELETE deletes; POST with an empty Body redacts; an ill-formed sid is not found. */
  private void oneMessage(HttpExchange exchange, String sid, Map<String, String> form)
      throws IOException {
    String notFound =
        "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}";
    if (!MESSAGE_SID.matcher(sid).matches()) {
      answer(exchange, 404, notFound);
      return;
    }
    if ("DELETE".equals(exchange.getRequestMethod())) {
      Integer scripted = deleteScript.poll();
      int status = scripted == null ? 204 : scripted;
      if (status == 204) {
        deleted.add(sid);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      } else if (status == 404) {
        answer(exchange, 404, notFound);
      } else {
        answer(
            exchange,
            status,
            "{\"code\":20"
                + status
                + ",\"message\":\"Service unavailable\",\"status\":"
                + status
                + "}");
      }
      return;
    }
    if ("POST".equals(exchange.getRequestMethod()) && "".equals(form.get("Body"))) {
      redacted.add(sid);
      answer(
          exchange,
          200,
          "{\"sid\":\""
              + sid
              + "\",\"account_sid\":\""
              + ACCOUNT_SID
              + "\",\"body\":\"\",\"status\":\"delivered\",\"api_version\":\"2010-04-01\"}");
      return;
    }
    answer(exchange, 400, "{\"code\":21610,\"message\":\"unsupported\",\"status\":400}");
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
