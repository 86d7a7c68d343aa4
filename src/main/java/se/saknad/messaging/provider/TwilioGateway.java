package se.saknad.messaging.provider;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;

/** Sends through Twilio's REST API with the official SDK. */
@Singleton
@Requires(property = "twilio.account-sid")
class TwilioGateway implements SmsGateway {
  private final TwilioRestClient client;
  private final TwilioConfig config;

  TwilioGateway(TwilioConfig config) {
    this.config = config;
    if (config.authToken() == null || config.authToken().isBlank()) {
      throw new IllegalStateException("twilio.auth-token (TWILIO_AUTH_TOKEN) is required");
    }
    if (blank(config.fromNumber())
        && blank(config.messagingServiceSid())
        && (config.fromNumbers() == null || config.fromNumbers().isEmpty())) {
      throw new IllegalStateException(
          "give twilio.from-number (TWILIO_FROM_NUMBER) or twilio.messaging-service-sid");
    }
    this.client =
        new TwilioRestClient.Builder(config.accountSid(), config.authToken())
            .httpClient(new TwilioHttp(config.apiBaseUrl(), config.timeout()))
            .build();
  }

  /**
   * twilio.from-numbers when given (an alert is spread over them), else twilio.from-number, else
   * the messaging service (which picks a number of its pool itself).
   */
  @Override
  public List<String> senders() {
    if (config.fromNumbers() != null && !config.fromNumbers().isEmpty()) {
      return List.copyOf(config.fromNumbers());
    }
    return List.of(blank(config.fromNumber()) ? config.messagingServiceSid() : config.fromNumber());
  }

  @Override
  public Result send(String to, String body, String statusCallbackUrl) {
    return send(senders().get(0), to, body, statusCallbackUrl);
  }

  @Override
  public Result send(String sender, String to, String body, String statusCallbackUrl) {
    try {
      MessageCreator creator =
          sender.equals(config.messagingServiceSid())
              ? Message.creator(new PhoneNumber(to), config.messagingServiceSid(), body)
              : Message.creator(new PhoneNumber(to), new PhoneNumber(sender), body);
      Message message = creator.setStatusCallback(URI.create(statusCallbackUrl)).create(client);
      return new Accepted(
          message.getSid(),
          message.getStatus() == null ? "queued" : message.getStatus().toString());
    } catch (ApiConnectionException e) {
      return new Transient(null, "connection: " + e.getClass().getSimpleName());
    } catch (ApiException e) {
      return refused(e);
    }
  }

  /**
   * POST /Calls.json with the TwiML inline (no URL for the provider to fetch). A call needs a
   * number to call from: a messaging service cannot place one.
   */
  @Override
  public Result call(String to, String text, String gatherUrl, String statusCallbackUrl) {
    if (blank(config.fromNumber())) {
      return new Permanent("NO_FROM_NUMBER", "twilio.from-number is needed for calls");
    }
    try {
      Call call =
          Call.creator(
                  new PhoneNumber(to),
                  new PhoneNumber(config.fromNumber()),
                  new Twiml(VoiceScript.call(text, gatherUrl)))
              .setStatusCallback(URI.create(statusCallbackUrl))
              .setTimeout(config.ringSeconds())
              .create(client);
      return new Accepted(
          call.getSid(), call.getStatus() == null ? "queued" : call.getStatus().toString());
    } catch (ApiConnectionException e) {
      return new Transient(null, "connection: " + e.getClass().getSimpleName());
    } catch (ApiException e) {
      return refused(e);
    }
  }

  /** 5xx, 429 and 408 are worth another try; any other refusal is final. */
  private static Result refused(ApiException e) {
    Integer status = e.getStatusCode();
    String code = e.getCode() == null ? null : String.valueOf(e.getCode());
    if (status == null || status >= 500 || status == 429 || status == 408) {
      return new Transient(code, "HTTP " + status);
    }
    return new Permanent(code, "HTTP " + status);
  }

  /**
   * DELETE /Messages/{Sid}.json: the message, its text and its media are gone at Twilio; a call's
   * record (CA…) is deleted through /Calls/{Sid}.json.
   */
  @Override
  public Erasure erase(String sid) {
    try {
      boolean deleted =
          sid.startsWith("CA")
              ? Call.deleter(sid).delete(client)
              : Message.deleter(sid).delete(client);
      return deleted ? new Erased() : new NotErased("the provider did not confirm the deletion");
    } catch (ApiConnectionException e) {
      return new NotErased("connection: " + e.getClass().getSimpleName());
    } catch (ApiException e) {
      if (e.getStatusCode() != null && e.getStatusCode() == 404) {
        return new Erased();
      }
      return new NotErased(
          "HTTP " + e.getStatusCode() + (e.getCode() == null ? "" : " error " + e.getCode()));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
