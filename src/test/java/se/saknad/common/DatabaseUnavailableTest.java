package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * What a request meets while no primary database is reachable (a failover, a restart): a 503
 * problem+json with Retry-After that a page or a load balancer knows to retry, never a 500. The
 * failures are the ones PgJDBC and the pool throw then, raised by a test-only endpoint.
 */
@MicronautTest(transactional = false)
@io.micronaut.context.annotation.Property(name = "spec.name", value = "DatabaseUnavailableTest")
class DatabaseUnavailableTest extends ApiTest {

  @Requires(property = "spec.name", value = "DatabaseUnavailableTest")
  @Controller("/test/database")
  @Secured(SecurityRule.IS_ANONYMOUS)
  static class Failing {
    @Get("/broken-at-commit")
    String brokenAtCommit() {
      throw new DataAccessException(
          "commit failed", new SQLException("An I/O error occurred", "08006"));
    }

    @Get("/pool-timeout")
    String poolTimeout() {
      throw new IllegalStateException(
          "no connection", new SQLTransientConnectionException("Connection is not available"));
    }

    @Get("/read-only")
    String readOnly() {
      throw new DataAccessException(
          "insert refused", new SQLException("cannot execute INSERT", "25006"));
    }

    @Get("/shutting-down")
    String shuttingDown() {
      throw new DataAccessException(
          "terminated", new SQLException("terminating connection", "57P01"));
    }
  }

  @Test
  void noPrimaryReachableIsA503WithRetryAfterNeverA500() {
    for (String path :
        new String[] {"broken-at-commit", "pool-timeout", "read-only", "shutting-down"}) {
      HttpClientResponseException e =
          refused(
              () ->
                  client
                      .toBlocking()
                      .exchange(HttpRequest.GET("/test/database/" + path), String.class));
      assertEquals(503, e.getStatus().getCode(), path);
      assertNotNull(e.getResponse().getHeaders().get("Retry-After"), path);
      assertTrue(
          e.getResponse().getContentType().orElseThrow().toString().contains("problem+json"), path);
      Json body = Json.parse(e.getResponse().getBody(String.class).orElseThrow());
      assertEquals("urn:saknad:problem:database-unavailable", body.string("type"), path);
    }
  }

  private static HttpClientResponseException refused(Runnable call) {
    try {
      call.run();
    } catch (HttpClientResponseException e) {
      return e;
    }
    throw new AssertionError("the request succeeded");
  }
}
