package se.saknad.messaging.provider;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.hc.core5.http.Header;

/**
 * The SDK's transport, on the JDK's HTTP client. It can point the SDK at another base URL (a
 * staging stand-in or a test server speaking Twilio's contract) and sends each request exactly
 * once: retries are the dispatcher's decision, so a retried 429 never becomes a second SMS.
 */
class TwilioHttp extends HttpClient {
  private final URI base;
  private final java.net.http.HttpClient http =
      java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Duration timeout;

  TwilioHttp(String apiBaseUrl, Duration timeout) {
    this.base = apiBaseUrl == null || apiBaseUrl.isBlank() ? null : URI.create(apiBaseUrl);
    this.timeout = timeout;
  }

  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    try {
      URL url = request.constructURL();
      URI target =
          base == null
              ? url.toURI()
              : new URI(
                  base.getScheme(),
                  null,
                  base.getHost(),
                  base.getPort(),
                  url.getPath(),
                  url.getQuery(),
                  null);
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(target)
              .timeout(timeout)
              .header("Accept", "application/json")
              .header("User-Agent", "saknad");
      if (request.requiresAuthentication()) {
        String basic = request.getUsername() + ":" + request.getPassword();
        builder.header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
      }
      if (request.getMethod() == HttpMethod.POST) {
        builder
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
      } else if (request.getMethod() == HttpMethod.DELETE) {
        builder.DELETE();
      } else {
        builder.GET();
      }
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.body(), response.statusCode(), new Header[0]);
    } catch (IOException e) {
      throw new ApiConnectionException("Twilio request failed: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("interrupted", e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
