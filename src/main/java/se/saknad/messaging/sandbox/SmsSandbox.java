package se.saknad.messaging.sandbox;

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
import se.saknad.acknowledgements.ReplyOrigin;
import se.saknad.audit.AuditTrail;
import se.saknad.common.AuditEndpoint;
import se.saknad.common.PhoneNumbers;
import se.saknad.common.ProblemException;
import se.saknad.messaging.provider.SandboxKey;
import se.saknad.security.Caller;

/**
 * The embedded default's SMS sandbox: what the log gateway "sent", and a reply as one of those
 * phones. The reply is posted to this service's own /sms/inbound, signed the way the provider signs
 * (HMAC-SHA1 over the public URL and the sorted form), so it takes the real webhook's path through
 * the signature check and the acknowledgement code; what it acknowledges is recorded as a sandbox
 * reply by the person signed in (channel SANDBOX), never as an SMS or a call. Exists only in the
 * embedded default.
 */
@Controller("/api/v1/sms/sandbox")
@Requires(beans = SandboxKey.class)
@Secured({"ADMIN", "COORDINATOR"})
class SmsSandbox {
  private static final Pattern TWIML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>");
  private static final Pattern TWIML_SAY = Pattern.compile("<Say[^>]*>(.*?)</Say>");
  private static final String SANDBOX_NUMBER = "+46700000000";

  /**
   * An SMS, or a call ({@code channel} VOICE: {@code body} is what it reads out), with whom it was
   * for (the recipient's name and kind, the contact's name) and the case it is about, so that the
   * sandbox can say more than a phone number. Null where the outbox has no such thing (a notice to
   * the coordinators' phones from the configuration has no recipient, a concern no case).
   */
  @Serdeable
  record SentMessage(
      String sid,
      String to,
      String body,
      Instant createdAt,
      String channel,
      @Nullable String recipientName,
      @Nullable String recipientKind,
      @Nullable String contactName,
      @Nullable UUID caseId,
      @Nullable String caseCode) {}

  /** What the called phone does: answer and press 1, or not answer at all. */
  enum CallAction {
    PRESS_1,
    NO_ANSWER
  }

  @Serdeable
  record CallAnswer(@jakarta.validation.constraints.NotNull CallAction action) {}

  /** What the call said after the key (null when it was not answered). */
  @Serdeable
  record CallAnswered(@Nullable String said) {}

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

  /**
   * The newest 100 messages the log gateway took, newest first. They tell of children (first name,
   * age, where last seen), so each read is audited.
   */
  @Get
  List<SentMessage> sent(Authentication auth, @AuditEndpoint String endpoint) {
    List<SentMessage> newest = log.newest();
    audit.record(Caller.of(auth), "SMS_SANDBOX_READ", null, null, endpoint);
    return newest;
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
    form.put("To", SANDBOX_NUMBER);
    form.put("Body", reply.body());
    // Signed with the rest: the webhook records the reply as this person's, in the sandbox.
    ReplyOrigin.write(form, Caller.of(auth));
    HttpResponse<String> answer = postSigned(publicBaseUrl + "/sms/inbound", form);
    audit.record(Caller.of(auth), "SMS_SANDBOX_REPLY", null, null, request.getPath());
    return new ReplyAnswer(answer.statusCode(), firstText(TWIML_MESSAGE, answer.body()));
  }

  /**
   * A call the log gateway placed, answered as that phone: PRESS_1 reports the key 1 to the call's
   * Gather address and then the end of the call, NO_ANSWER reports only "no-answer". Both are
   * signed like the provider's webhooks, so they take the real path through /voice/**.
   */
  @Post("/calls/{sid}")
  @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
  CallAnswered answerCall(
      String sid, @Valid @Body CallAnswer answer, Authentication auth, HttpRequest<?> request)
      throws Exception {
    SandboxLog.LoggedCall call = log.call(sid).orElseThrow(() -> ProblemException.notFound("call"));
    Map<String, String> form = new TreeMap<>();
    form.put("CallSid", call.sid());
    form.put("From", SANDBOX_NUMBER);
    form.put("To", call.to());
    String said = null;
    if (answer.action() == CallAction.PRESS_1) {
      Map<String, String> gather = new TreeMap<>(form);
      gather.put("CallStatus", "in-progress");
      gather.put("Digits", "1");
      ReplyOrigin.write(gather, Caller.of(auth));
      said = firstText(TWIML_SAY, postSigned(call.gatherUrl(), gather).body());
      form.put("CallStatus", "completed");
    } else {
      form.put("CallStatus", "no-answer");
    }
    postSigned(call.statusCallbackUrl(), form);
    audit.record(
        Caller.of(auth), "SMS_SANDBOX_CALL_" + answer.action(), null, null, request.getPath());
    return new CallAnswered(said);
  }

  private static String firstText(Pattern element, String twiml) {
    Matcher m = element.matcher(twiml);
    return m.find()
        ? m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        : null;
  }

  /**
   * Posts a form to this service's own webhook at {@code publicUrl} (an address under
   * saknad.public-base-url), signed as the provider signs: HMAC-SHA1 over that address and the
   * sorted form.
   */
  private HttpResponse<String> postSigned(String publicUrl, Map<String, String> form)
      throws Exception {
    if (!publicUrl.startsWith(publicBaseUrl + "/")) {
      throw new IllegalStateException("not an address of this service");
    }
    StringBuilder signed = new StringBuilder(publicUrl);
    StringBuilder encoded = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(form).entrySet()) {
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
    URI target = server.get().getURI().resolve(publicUrl.substring(publicBaseUrl.length()));
    HttpResponse<String> answer =
        http.send(
            java.net.http.HttpRequest.newBuilder(target)
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
    return answer;
  }
}
