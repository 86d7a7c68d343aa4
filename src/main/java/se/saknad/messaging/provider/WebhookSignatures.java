package se.saknad.messaging.provider;

import com.twilio.security.RequestValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.saknad.common.ProblemException;

/**
 * The check every provider webhook (SMS and voice) passes first: X-Twilio-Signature over the
 * configured public URL (never the Host header of the request) with its query and the form. Without
 * a provider, the embedded default's sandbox signs with a key of its own; without either, nothing
 * is accepted.
 */
@Singleton
public class WebhookSignatures {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSignatures.class);

  /** Whose key signed the webhooks: the provider's, or (embedded default only) the sandbox's. */
  public enum Signer {
    PROVIDER,
    SANDBOX
  }

  private final RequestValidator validator;
  private final String publicBaseUrl;
  private final MeterRegistry meters;
  private final Signer signer;

  WebhookSignatures(
      TwilioConfig twilio,
      @Value("${saknad.public-base-url}") String publicBaseUrl,
      MeterRegistry meters,
      Optional<SandboxKey> sandbox) {
    String key =
        twilio.authToken() == null || twilio.authToken().isBlank()
            ? sandbox.map(SandboxKey::key).orElse(null)
            : twilio.authToken();
    this.validator = key == null ? null : new RequestValidator(key);
    this.signer =
        twilio.authToken() == null || twilio.authToken().isBlank()
            ? Signer.SANDBOX
            : Signer.PROVIDER;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.meters = meters;
  }

  /**
   * Who signed the request (without a provider, only the sandbox holds a key); a 403 problem when
   * it is not signed, whatever the body says.
   */
  public Signer require(HttpRequest<?> request, String signature, Map<String, String> form) {
    String query = request.getUri().getRawQuery();
    String url = publicBaseUrl + request.getPath() + (query == null ? "" : "?" + query);
    Map<String, String> params = new HashMap<>(form);
    if (validator == null || signature == null || !validator.validate(url, params, signature)) {
      LOG.warn("Rejected a webhook on {} without a valid signature", request.getPath());
      meters.counter("saknad.sms.webhook.rejected").increment();
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "bad-signature",
          "Invalid signature",
          "The request is not signed by the SMS provider",
          null,
          null);
    }
    return signer;
  }
}
