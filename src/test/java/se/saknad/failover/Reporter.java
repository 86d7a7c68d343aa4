package se.saknad.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import se.saknad.support.Json;

/**
 * Reports children missing as the report page does: one Idempotency-Key per report, sent again with
 * the same key after a 503's Retry-After or a refused connection (to whichever instance the
 * stand-in load balancer names next), until it is answered. Every answer is kept.
 */
final class Reporter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer to one attempt; {@code status} 0 when the connection was refused or dropped. */
  record Answer(
      String child,
      String key,
      long atMillis,
      long answeredMillis,
      int status,
      String contentType,
      String retryAfter,
      String body,
      String failure,
      boolean refused) {}

  /** A report answered 201: the case it made, when its last attempt was sent and answered. */
  record Made(String child, String caseId, String code, long atMillis, long answeredMillis) {}

  final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Made> made = new ConcurrentLinkedQueue<>();
  private final String staffToken;
  private final Map<String, Object> lastSeenLocation;
  private final long startNanos = System.nanoTime();

  Reporter(String staffToken, Map<String, Object> lastSeenLocation) {
    this.staffToken = staffToken;
    this.lastSeenLocation = lastSeenLocation;
  }

  long now() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Reports {@code child} missing until one attempt is answered 201 or {@code patience} ends. */
  void report(String child, Supplier<String> baseUrl, Duration patience) throws Exception {
    String key = UUID.randomUUID().toString();
    String body =
        JSON.writeValueAsString(
            Map.of(
                "lastSeenAt",
                OffsetDateTime.now().minusMinutes(5).toString(),
                "lastSeenLocation",
                lastSeenLocation,
                "riskLevel",
                "STANDARD"));
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      Answer a = attempt(child, key, baseUrl.get(), body);
      answers.add(a);
      if (a.status() == 201) {
        Json made = Json.parse(a.body());
        this.made.add(
            new Made(
                child, made.string("id"), made.string("code"), a.atMillis(), a.answeredMillis()));
        return;
      }
      if (a.status() == 503 && a.retryAfter() != null) {
        Thread.sleep(Math.min(5_000, Long.parseLong(a.retryAfter()) * 1000));
      } else if (a.status() == 0) {
        Thread.sleep(250);
      } else {
        return; // anything else is a finding; the test reads it from the answers
      }
    }
  }

  private Answer attempt(String child, String key, String base, String body) {
    // A client of its own per attempt: no pooled connection a stopping instance closes under it.
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/children/" + child + "/disappearances"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + staffToken)
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long at = now();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          child,
          key,
          at,
          now(),
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.headers().firstValue("Retry-After").orElse(null),
          r.body(),
          null,
          false);
    } catch (ConnectException refused) {
      return new Answer(child, key, at, now(), 0, null, null, null, "refused", true);
    } catch (IOException dropped) {
      return new Answer(child, key, at, now(), 0, null, null, null, dropped.toString(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(child, key, at, now(), 0, null, null, null, "interrupted", false);
    }
  }

  /** Answers that are neither 201 nor a 503 problem+json with Retry-After nor a refused connect. */
  List<Answer> wrongAnswers() {
    return answers.stream()
        .filter(a -> a.status() != 201)
        .filter(
            a ->
                !(a.status() == 503
                    && a.retryAfter() != null
                    && a.contentType() != null
                    && a.contentType().startsWith("application/problem+json")))
        .filter(a -> !a.refused())
        .toList();
  }
}
