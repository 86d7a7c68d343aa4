package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every HTML answer carries a Content-Security-Policy: the pages, Swagger UI (its one inline script
 * allowed by hash, nothing else inline) and the HTML the API answers with (the report), which may
 * run nothing at all. Swagger UI still works under its policy: the browser shows the API and
 * reports no violation (BrowserTest fails on one).
 */
@MicronautTest(transactional = false)
class SwaggerUiUnderItsPolicyTest extends BrowserTest {
  private final HttpClient raw = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String accept, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return raw.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String policyOf(HttpResponse<?> answer) {
    return answer.headers().firstValue("Content-Security-Policy").orElse("");
  }

  @Test
  void swaggerUiAllowsOnlyItsOwnInlineScriptByItsHash() throws Exception {
    HttpResponse<String> page = get("/swagger-ui/index.html", null, null);
    assertEquals(200, page.statusCode());
    String policy = policyOf(page);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    Matcher inline = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
    StringBuilder expected = new StringBuilder("script-src 'self'");
    while (inline.find()) {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(inline.group(1).getBytes(StandardCharsets.UTF_8));
      expected.append(" 'sha256-").append(Base64.getEncoder().encodeToString(digest)).append("'");
    }
    assertTrue(expected.toString().contains("sha256"), "the generated page has its inline script");
    assertEquals(expected.toString(), scriptSources(policy).trim());
  }

  @Test
  void swaggerUiShowsTheApiWithoutBreakingItsPolicy() {
    browser.get(url("/swagger-ui/index.html"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info")));
    wait.until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
  }

  @Test
  void everyOtherHtmlAnswerRunsNothing() throws Exception {
    String researcher = aUser().researcher().create();
    HttpResponse<String> report =
        get("/api/v1/research/report?from=2026-01-01&to=2026-01-31", "text/html", researcher);
    assertEquals(200, report.statusCode());
    assertTrue(report.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    for (HttpResponse<String> answer :
        List.of(
            report,
            get("/nothing-here", "text/html", null),
            get("/api/v1/cases", "text/html", null))) {
      String policy = policyOf(answer);
      assertTrue(policy.startsWith("default-src 'none'"), answer.uri() + ": " + policy);
      assertTrue(!policy.contains("script-src"), policy);
      assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    }
    String app = policyOf(get("/app/index.html", null, null));
    assertTrue(app.contains("script-src 'self';"), app);
  }

  private static String scriptSources(String policy) {
    for (String directive : policy.split(";")) {
      if (directive.trim().startsWith("script-src")) {
        return directive;
      }
    }
    return "";
  }
}
