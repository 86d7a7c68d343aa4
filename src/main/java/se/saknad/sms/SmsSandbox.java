package se.saknad.sms;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Provider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import se.saknad.audit.AuditTrail;
import se.saknad.common.PhoneNumbers;
import se.saknad.common.ProblemException;
import se.saknad.security.Caller;

/**
 * The embedded default's SMS sandbox: what the log gateway "sent", and a reply as one of those
 * phones. The reply is posted to this service's own /sms/inbound, signed the way the provider signs
 * (HMAC-SHA1 over the public URL and the sorted form), so it takes the real webhook's path through
 * the signature check and the acknowledgement code. Exists only in the embedded default.
 */
@Controller("/api/v1/sms/sandbox")
@Requires(beans = SandboxKey.class)
@Secured({"ADMIN", "COORDINATOR"})
class SmsSandbox {
  private static final Pattern TWIML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>");

  @Serdeable
  record SentMessage(String sid, String to, String body, Instant createdAt) {}

  @Serdeable
  record Reply(@NotBlank @Size(max = 20) String from, @NotBlank @Size(max = 160) String body) {}

  @Serdeable
  record ReplyAnswer(int status, @Nullable String reply) {}

  private final SandboxLog log;
  private final SandboxKey key;
  private final String publicBaseUrl;
  private final Provider<EmbeddedServer> server;
  private final AuditTrail audit;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  SmsSandbox(
      SandboxLog log,
      SandboxKey key,
      @Value("${saknad.public-base-url}") String publicBaseUrl,
      Provider<EmbeddedServer> server,
      AuditTrail audit) {
    this.log = log;
    this.key = key;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.server = server;
    this.audit = audit;
  }

  /** The newest 100 messages the log gateway took, newest first. */
  @Get
  List<SentMessage> sent() {
    return log.newest();
  }

  /** A reply from a phone the log gateway sent to, through the signed webhook. */
  @Post("/replies")
  // It waits for this service's own webhook: never on the event loop that must answer it.
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  ReplyAnswer reply(@Valid @Body Reply reply, Authentication auth, HttpRequest<?> request)
      throws Exception {
    String from = PhoneNumbers.normalize(reply.from().strip());
    if (!log.sentTo(from)) {
      throw ProblemException.invalid("from", "not a phone the sandbox has sent to");
    }
    Map<String, String> form = new TreeMap<>();
    form.put("MessageSid", "SMsandbox" + UUID.randomUUID().toString().replace("-", ""));
    form.put("From", from);
    form.put("To", "+46700000000");
    form.put("Body", reply.body());
    StringBuilder signed = new StringBuilder(publicBaseUrl + "/sms/inbound");
    StringBuilder encoded = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      signed.append(e.getKey()).append(e.getValue());
      if (encoded.length() > 0) {
        encoded.append('&');
      }
      encoded
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key.key().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature =
        Base64.getEncoder()
            .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    URI inbound = server.get().getURI().resolve("/sms/inbound");
    HttpResponse<String> answer =
        http.send(
            java.net.http.HttpRequest.newBuilder(inbound)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(encoded.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          "sandbox-webhook-failed",
          "The webhook refused the reply",
          "status " + answer.statusCode(),
          null,
          null);
    }
    audit.record(Caller.of(auth), "SMS_SANDBOX_REPLY", null, null, request.getPath());
    Matcher m = TWIML_MESSAGE.matcher(answer.body());
    String text =
        m.find()
            ? m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
            : null;
    return new ReplyAnswer(answer.statusCode(), text);
  }
}
