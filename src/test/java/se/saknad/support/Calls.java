package se.saknad.support;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;

/**
 * JSON calls to the service in one caller's name, each answer read as {@link Json}. A call that is
 * refused throws, as the HTTP client does; {@link ApiTest#problemOf} asserts the refusal.
 */
public final class Calls {
  private final BlockingHttpClient http;
  private final String token;

  Calls(BlockingHttpClient http, String token) {
    this.http = http;
    this.token = token;
  }

  public Json get(String uri) {
    return send(HttpRequest.GET(uri));
  }

  public Json post(String uri, Object body) {
    return send(HttpRequest.POST(uri, body));
  }

  public Json put(String uri, Object body) {
    return send(HttpRequest.PUT(uri, body));
  }

  public Json patch(String uri, Object body) {
    return send(HttpRequest.PATCH(uri, body));
  }

  public Json delete(String uri) {
    return send(HttpRequest.DELETE(uri));
  }

  /** The whole answer (status and headers too) to a call, its body as text. */
  public HttpResponse<String> exchange(MutableHttpRequest<?> request) {
    if (token != null) {
      request.bearerAuth(token);
    }
    return http.exchange(request, String.class);
  }

  private Json send(MutableHttpRequest<?> request) {
    String body = exchange(request).body();
    return Json.parse(body == null || body.isBlank() ? "{}" : body);
  }
}
