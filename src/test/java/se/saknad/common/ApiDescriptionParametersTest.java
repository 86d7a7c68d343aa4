package se.saknad.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;

/**
 * The OpenAPI document: the caller and the audited endpoint are bound from the request, not asked
 * of the client; the case view's alerts are described as types.
 */
@MicronautTest(transactional = false)
class ApiDescriptionParametersTest extends ApiTest {

  @Test
  void theOpenApiDocumentAsksForNoCallerAndNoEndpoint() {
    String document = http().retrieve(HttpRequest.GET("/openapi.yml"), String.class);
    assertTrue(document.contains("/api/v1/cases/{id}:"), "the document describes the cases");
    assertFalse(document.contains("name: caller"), "no caller parameter");
    assertFalse(document.contains("name: endpoint"), "no endpoint parameter");
    assertFalse(document.contains("schemas/Caller"), "no Caller schema");
  }

  @Test
  void theCaseViewDescribesItsAlertsAsTypes() {
    String document = http().retrieve(HttpRequest.GET("/openapi.yml"), String.class);
    assertTrue(document.contains("$ref: \"#/components/schemas/AlertApi.FirstAlert\""), "alert");
    assertTrue(document.contains("$ref: \"#/components/schemas/AlertApi.AlertView\""), "alerts");
  }
}
