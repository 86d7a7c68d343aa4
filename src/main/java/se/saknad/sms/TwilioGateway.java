package se.saknad.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;

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
    if (blank(config.fromNumber()) && blank(config.messagingServiceSid())) {
      throw new IllegalStateException(
          "give twilio.from-number (TWILIO_FROM_NUMBER) or twilio.messaging-service-sid");
    }
    this.client =
        new TwilioRestClient.Builder(config.accountSid(), config.authToken())
            .httpClient(new TwilioHttp(config.apiBaseUrl(), config.timeout()))
            .build();
  }

  @Override
  public Result send(String to, String body, String statusCallbackUrl) {
    try {
      MessageCreator creator =
          blank(config.messagingServiceSid())
              ? Message.creator(new PhoneNumber(to), new PhoneNumber(config.fromNumber()), body)
              : Message.creator(new PhoneNumber(to), config.messagingServiceSid(), body);
      Message message = creator.setStatusCallback(URI.create(statusCallbackUrl)).create(client);
      return new Accepted(
          message.getSid(),
          message.getStatus() == null ? "queued" : message.getStatus().toString());
    } catch (ApiConnectionException e) {
      return new Transient(null, "connection: " + e.getClass().getSimpleName());
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      String code = e.getCode() == null ? null : String.valueOf(e.getCode());
      if (status == null || status >= 500 || status == 429 || status == 408) {
        return new Transient(code, "HTTP " + status);
      }
      return new Permanent(code, "HTTP " + status);
    }
  }

  /** DELETE /Messages/{Sid}.json: the message, its text and its media are gone at Twilio. */
  @Override
  public Erasure erase(String sid) {
    try {
      return Message.deleter(sid).delete(client)
          ? new Erased()
          : new NotErased("the provider did not confirm the deletion");
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
