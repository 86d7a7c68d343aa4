package se.saknad.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.saknad.support.Eventually;
import se.saknad.support.ProcessClient;
import se.saknad.support.ServiceProcess;
import se.saknad.support.TestDatabase;

/**
 * The one-machine default started on another port than 8080: the link in its alert SMS must open
 * the case there, not at a fixed localhost:8080.
 */
class EmbeddedLinkTest {
  private static final Map<String, Object> TYRESO = Map.of("lat", 59.2435, "lon", 18.2290);

  @Test
  void theLinkInAnEmbeddedAlertOpensTheCaseOnThePortTheServiceRunsOn() throws Exception {
    Map<String, String> embedded = new HashMap<>();
    embedded.put("micronaut.environments", "embedded");
    embedded.put("saknad.public-base-url", null); // the embedded default's own
    embedded.put("saknad.demo-data", "false");
    embedded.put("saknad.data-dir", "target/embedded-link-data");
    try (ServiceProcess service = new ServiceProcess("embedded-link", embedded)) {
      service.start();
      ProcessClient api = new ProcessClient(service.url());
      String admin = api.login("admin", ServiceProcess.ADMIN_PASSWORD);
      ProcessClient.HomeAndStaff hs =
          api.homeWithStaff(admin, "HVB Länken " + System.nanoTime(), "Tyresö", TYRESO);
      Map<String, Object> profile = new HashMap<>();
      profile.put("homeId", hs.homeId());
      profile.put("givenName", "Länka");
      profile.put("familyName", "Portsson");
      profile.put("estimatedBirthYear", 2010);
      profile.put("gender", "MALE");
      profile.put("nationality", "AF");
      profile.put("responsibleMunicipalityCode", "0138");
      profile.put("guardian", Map.of("name", "God man", "phone", "+46701740999"));
      String child = api.call(hs.staffToken(), "POST", "/api/v1/children", profile).string("id");
      String kase =
          api.call(
                  hs.staffToken(),
                  "POST",
                  "/api/v1/children/" + child + "/disappearances",
                  Map.of(
                      "lastSeenAt",
                      OffsetDateTime.now().minusMinutes(10).toString(),
                      "lastSeenLocation",
                      TYRESO,
                      "riskLevel",
                      "STANDARD"))
              .string("id");
      Eventually.waitUntil(
          "the guardian's alert is written",
          java.time.Duration.ofSeconds(20),
          () ->
              TestDatabase.count("SELECT count(*) FROM delivery WHERE case_id = ?::uuid", kase)
                  > 0);
      String body =
          TestDatabase.value(
              String.class, "SELECT body FROM delivery WHERE case_id = ?::uuid LIMIT 1", kase);
      Matcher link = Pattern.compile("https?://\\S+").matcher(body);
      assertTrue(link.find(), "a link in: " + body);
      URI uri = URI.create(link.group());
      assertEquals(service.port(), uri.getPort(), "the link's port, in " + body);
      var opened =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build()
              .send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
      assertEquals(200, opened.statusCode());
      assertTrue(
          opened.uri().toString().endsWith("/app/case.html?id=" + kase), opened.uri().toString());
    }
  }

  @Test
  void aBaseUrlOnThisMachineAtAnotherPortIsSaidAtStartUp() {
    assertTrue(
        new PublicAddressCheck("http://localhost:8080", true)
            .problem(8093)
            .orElseThrow()
            .contains("listens on 8093"));
    assertTrue(new PublicAddressCheck("http://localhost:8093", true).problem(8093).isEmpty());
    assertTrue(
        new PublicAddressCheck("http://localhost:8093", false)
            .problem(8093)
            .orElseThrow()
            .contains("names this machine"));
    assertTrue(new PublicAddressCheck("https://saknad.example.se", false).problem(8093).isEmpty());
    assertTrue(new PublicAddressCheck("saknad", false).problem(8093).isPresent());
  }
}
