package se.saknad.acknowledgements;

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
import se.saknad.common.ProblemException;
import se.saknad.common.StorableText;
import se.saknad.messaging.outbox.AlertTimings;
import se.saknad.messaging.outbox.DeliveryStatuses;
import se.saknad.messaging.provider.WebhookSignatures;

/**
 * Twilio's SMS webhooks. Accepted only with a valid X-Twilio-Signature (see {@link
 * WebhookSignatures}), so a forged message changes nothing.
 */
@Controller("/sms")
@Secured(SecurityRule.IS_ANONYMOUS)
class SmsWebhookController {
  private final WebhookSignatures signatures;
  private final AcknowledgingAlert acknowledging;
  private final DeliveryStatuses statuses;
  private final MeterRegistry meters;
  private final AlertTimings timings;

  SmsWebhookController(
      WebhookSignatures signatures,
      AcknowledgingAlert acknowledging,
      DeliveryStatuses statuses,
      MeterRegistry meters,
      AlertTimings timings) {
    this.signatures = signatures;
    this.acknowledging = acknowledging;
    this.statuses = statuses;
    this.meters = meters;
    this.timings = timings;
  }

  @Post("/inbound")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_XML)
  HttpResponse<String> inbound(
      HttpRequest<?> request,
      @Nullable @Header("X-Twilio-Signature") String signature,
      @Nullable @Body Map<String, String> body) {
    // The signature is checked first: an unsigned request learns nothing, not even a 400.
    Map<String, String> form = body == null ? Map.of() : body;
    ReplyOrigin origin = ReplyOrigin.of(signatures.require(request, signature, form), form);
    String sid = form.get("MessageSid");
    String from = form.get("From");
    if (sid == null || sid.isBlank() || from == null || from.isBlank()) {
      throw ProblemException.badRequest("MessageSid", "MessageSid and From are required");
    }
    var timer = io.micrometer.core.instrument.Timer.start(meters);
    AcknowledgingAlert.Answer answer = acknowledging.handle(sid, from, form.get("Body"), origin);
    timer.stop(meters.timer("saknad.sms.inbound", "outcome", answer.outcome()));
    String twiml =
        answer.reply() == null
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"
            : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                + escape(StorableText.forXml(answer.reply()))
                + "</Message></Response>";
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
    UUID deliveryId;
    try {
      deliveryId = delivery == null ? null : UUID.fromString(delivery);
    } catch (IllegalArgumentException e) {
      deliveryId = null;
    }
    String status = form.getOrDefault("MessageStatus", form.get("SmsStatus"));
    DeliveryStatuses.Recorded recorded =
        statuses.record(deliveryId, form.get("MessageSid"), status, form.get("ErrorCode"));
    // Committed by now: a callback answered with an error is sent again and counted then.
    recorded.sinceSent().ifPresent(timings::delivered);
    meters
        .counter(
            "saknad.sms.status",
            "status",
            String.valueOf(status),
            "known",
            String.valueOf(recorded.known()))
        .increment();
    return HttpResponse.noContent();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
