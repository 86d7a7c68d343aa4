package se.saknad.escalation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;
import java.util.UUID;
import se.saknad.acknowledgements.ReplyOrigin;
import se.saknad.common.ProblemException;
import se.saknad.messaging.provider.WebhookSignatures;

/**
 * Twilio's voice webhooks: the key pressed on an escalation call (the Gather's action) and the
 * call's status callback. Signed exactly like the SMS webhooks and checked first.
 */
@Controller("/voice")
@Secured(SecurityRule.IS_ANONYMOUS)
class VoiceWebhookController {
  private final WebhookSignatures signatures;
  private final VoiceAnswers answers;
  private final MeterRegistry meters;

  VoiceWebhookController(WebhookSignatures signatures, VoiceAnswers answers, MeterRegistry meters) {
    this.signatures = signatures;
    this.answers = answers;
    this.meters = meters;
  }

  @Post("/gather")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_XML)
  HttpResponse<String> gather(
      HttpRequest<?> request,
      @Nullable @Header("X-Twilio-Signature") String signature,
      @Nullable @QueryValue("d") String delivery,
      @Nullable @QueryValue("step") String step,
      @Nullable @Body Map<String, String> body) {
    Map<String, String> form = body == null ? Map.of() : body;
    ReplyOrigin origin = ReplyOrigin.of(signatures.require(request, signature, form), form);
    String callSid = requireCallSid(form);
    int at = "2".equals(step) ? VoiceAnswers.LAST_STEP : 1;
    String twiml = answers.gathered(uuid(delivery), callSid, form.get("Digits"), at, origin);
    meters.counter("saknad.voice.gather").increment();
    return HttpResponse.ok(twiml).contentType(MediaType.APPLICATION_XML_TYPE);
  }

  @Post("/status")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<Void> status(
      HttpRequest<?> request,
      @Nullable @Header("X-Twilio-Signature") String signature,
      @Nullable @QueryValue("d") String delivery,
      @Nullable @Body Map<String, String> body) {
    Map<String, String> form = body == null ? Map.of() : body;
    signatures.require(request, signature, form);
    String callSid = requireCallSid(form);
    String status = form.get("CallStatus");
    boolean known = answers.status(uuid(delivery), callSid, status, form.get("ErrorCode"));
    meters
        .counter(
            "saknad.voice.status", "status", String.valueOf(status), "known", String.valueOf(known))
        .increment();
    return HttpResponse.noContent();
  }

  private static String requireCallSid(Map<String, String> form) {
    String callSid = form.get("CallSid");
    if (callSid == null || callSid.isBlank() || callSid.length() > 64) {
      throw ProblemException.badRequest("CallSid", "CallSid is required");
    }
    return callSid;
  }

  private static UUID uuid(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
