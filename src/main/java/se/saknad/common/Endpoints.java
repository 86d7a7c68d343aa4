package se.saknad.common;

import io.micronaut.http.HttpRequest;

/** How an endpoint is named in the audit trail: method and path, never the query or body. */
public final class Endpoints {
  private Endpoints() {}

  public static String of(HttpRequest<?> request) {
    return request.getMethodName() + " " + request.getPath();
  }
}
