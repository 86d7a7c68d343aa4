package se.saknad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * Every role on every endpoint. Mutating calls carry an empty body: a role that may call the
 * endpoint gets past authorisation and is stopped by validation (400/422, written "4xx" below); a
 * role that may not gets 403 before the body is read; no token gets 401. The expectations are
 * written out by hand from the product brief's "who may see what", not derived from the code.
 */
@MicronautTest(transactional = false)
class RoleEndpointMatrixTest extends ApiTest {
  private static final List<String> ROLES =
      List.of(
          "ANONYMOUS",
          "ADMIN",
          "COORDINATOR",
          "HVB_STAFF",
          "POLICE",
          "SOCIAL_SERVICES",
          "RESEARCHER");

  // method path body | ANONYMOUS ADMIN COORDINATOR HVB_STAFF POLICE SOCIAL_SERVICES RESEARCHER
  private static final String MATRIX =
      """
      GET    /api/v1/children                              -  | 401 200 200 200 403 200 403
      POST   /api/v1/children                              {} | 401 403 4xx 4xx 403 403 403
      GET    /api/v1/children/{child}                      -  | 401 200 200 200 403 200 403
      PUT    /api/v1/children/{child}                      {} | 401 403 4xx 4xx 403 403 403
      GET    /api/v1/children/{child}/history              -  | 401 200 200 200 403 200 403
      GET    /api/v1/children/{child}/possible-duplicates  -  | 401 200 200 200 403 200 403
      POST   /api/v1/children/{child}/merge                {} | 401 403 4xx 403 403 403 403
      POST   /api/v1/children/{child}/placement-ended      {} | 401 403 4xx 4xx 403 403 403
      POST   /api/v1/children/{child}/disappearances       {} | 401 403 4xx 4xx 403 403 403
      GET    /api/v1/cases                                 -  | 401 200 200 200 200 200 403
      GET    /api/v1/cases/{case}                          -  | 401 200 200 200 200 200 403
      POST   /api/v1/cases/{case}/sightings                {} | 401 403 4xx 4xx 4xx 4xx 403
      POST   /api/v1/cases/{case}/return                   {} | 401 403 4xx 4xx 4xx 4xx 403
      POST   /api/v1/cases/{case}/status                   {} | 401 403 4xx 403 403 403 403
      POST   /api/v1/cases/{case}/withdrawal               {} | 401 403 4xx 4xx 403 403 403
      PUT    /api/v1/cases/{case}/police-reference         {} | 401 403 4xx 403 4xx 403 403
      GET    /api/v1/cases/risk-questions                  -  | 401 200 200 200 200 200 403
      GET    /api/v1/concerns/codes                        -  | 401 200 200 200 200 200 200
      POST   /api/v1/children/{child}/concerns             {} | 401 403 4xx 4xx 403 4xx 403
      GET    /api/v1/concerns                              -  | 401 200 200 200 200 200 403
      GET    /api/v1/concerns/{concern}                    -  | 401 200 200 200 404 200 403
      POST   /api/v1/concerns/{concern}/assessment         {} | 401 403 4xx 403 403 4xx 403
      POST   /api/v1/concerns/{concern}/disappearance      {} | 401 403 4xx 4xx 403 403 403
      POST   /api/v1/concerns/{concern}/close              {} | 401 403 4xx 403 403 4xx 403
      GET    /api/v1/cases/{case}/alerts/{alert}/cap       -  | 401 200 200 200 200 200 403
      GET    /api/v1/cases/{case}/area.geojson             -  | 401 200 200 200 200 200 403
      GET    /api/v1/cases/{case}/photo                    -  | 401 200 200 200 200 200 403
      GET    /api/v1/cases/{case}/search-sheet.pdf         -  | 401 200 200 200 200 200 403
      GET    /api/v1/cap/feed.atom                         -  | 401 403 403 403 403 403 403
      POST   /api/v1/cases/{case}/acknowledgement          -  | 401 403 403 403 200 403 403
      GET    /api/v1/children/{child}/photo                -  | 401 200 200 200 403 200 403
      POST   /api/v1/children/{child}/photos               {} | 401 403 415 415 403 403 403
      GET    {caseLink}                                    -  | 303 303 303 303 303 303 303
      GET    /cases/{case}                                 -  | 303 303 303 303 303 303 303
      POST   /api/v1/cases/{returned}/debrief              {} | 401 403 4xx 4xx 403 4xx 403
      PUT    /api/v1/cases/{returned}/debrief              {} | 401 403 4xx 4xx 403 4xx 403
      GET    /api/v1/cases/{returned}/debrief              -  | 401 403 200 200 403 200 403
      GET    /api/v1/debriefs/overdue                      -  | 401 403 200 200 403 200 403
      GET    /api/v1/debriefs/pending                      -  | 401 403 200 200 403 200 403
      GET    /api/v1/debriefs/codes                        -  | 401 200 200 200 200 200 200
      POST   /api/v1/cases/{case}/referrals                {} | 401 403 4xx 403 403 4xx 403
      GET    /api/v1/referrals                             -  | 401 403 200 403 200 200 403
      GET    /api/v1/referrals/codes                       -  | 401 403 200 403 200 200 200
      GET    /api/v1/referrals/{referral}                  -  | 401 403 200 403 404 200 403
      POST   /api/v1/referrals/{referral}/acknowledgement  -  | 401 403 200 403 404 403 403
      POST   /api/v1/referrals/{referral}/close            {} | 401 403 4xx 403 4xx 4xx 403
      GET    /api/v1/research/report?from=2026-01-01&to=2026-01-31 - | 401 403 200 403 403 403 200
      GET    /api/v1/research/survival?from=2026-01-01&to=2026-01-31 - | 401 403 200 403 403 403 200
      GET    /api/v1/research/quotes                       -  | 401 403 403 403 403 403 200
      POST   /api/v1/research/quotes/{nobody}/approval     -  | 401 403 403 403 403 403 404
      DELETE /api/v1/research/quotes/{nobody}/approval     -  | 401 403 403 403 403 403 404
      GET    /api/v1/research/debriefs                     -  | 401 403 403 403 403 403 200
      GET    /api/v1/research/debriefs.csv                 -  | 401 403 403 403 403 403 200
      GET    /api/v1/research/debriefs.xlsx                -  | 401 403 403 403 403 403 200
      GET    /api/v1/research/debriefs/codebook            -  | 401 403 403 403 403 403 200
      GET    /api/v1/research/statistics                   -  | 401 403 200 403 403 403 200
      POST   /api/v1/homes                                 {} | 401 4xx 4xx 403 403 403 403
      GET    /api/v1/homes                                 -  | 401 200 200 403 403 403 403
      GET    /api/v1/homes/{home}                          -  | 401 200 200 200 403 200 403
      GET    /api/v1/audit?childId={child}                 -  | 401 200 200 403 403 403 403
      POST   /api/v1/recipients                            {} | 401 4xx 4xx 403 403 403 403
      GET    /api/v1/recipients                            -  | 401 200 200 403 403 403 403
      GET    /api/v1/recipients/{recipient}                -  | 401 200 200 403 403 403 403
      PUT    /api/v1/recipients/{recipient}                {} | 401 4xx 4xx 403 403 403 403
      DELETE /api/v1/recipients/{nobody}                   -  | 401 404 404 403 403 403 403
      POST   /api/v1/users                                 {} | 401 4xx 403 403 403 403 403
      GET    /api/v1/users                                 -  | 401 200 403 403 403 403 403
      PATCH  /api/v1/users/{user}                          {} | 401 4xx 403 403 403 403 403
      PATCH  /api/v1/users/{nobody}                        {"enabled":false} | 401 404 403 403 403 403 403
      PUT    /api/v1/users/me/password                     {} | 401 4xx 4xx 4xx 4xx 4xx 4xx
      GET    /api/v1/geo/locate?lat=59.24&lon=18.22        -  | 401 200 200 200 200 200 200
      GET    /api/v1/geo/municipalities                    -  | 401 200 200 200 200 200 200
      GET    /api/v1/geo/municipalities.geojson            -  | 401 200 200 200 200 200 200
      GET    /api/v1/geo/areas                             -  | 401 200 200 200 200 200 200
      POST   /login                                        {} | 4xx 4xx 4xx 4xx 4xx 4xx 4xx
      GET    /openapi.yml                                  -  | 200 200 200 200 200 200 200
      POST   /sms/inbound                                  -  | 403 403 403 403 403 403 403
      POST   /sms/inbound                                  form | 403 403 403 403 403 403 403
      POST   /sms/status                                   -  | 403 403 403 403 403 403 403
      POST   /sms/status                                   form | 403 403 403 403 403 403 403
      POST   /voice/gather?step=1                          form | 403 403 403 403 403 403 403
      POST   /voice/status                                 -  | 403 403 403 403 403 403 403
      POST   /voice/status                                 form | 403 403 403 403 403 403 403
      GET    /health                                       -  | 200 200 200 200 200 200 200
      GET    /prometheus                                   -  | 401 200 403 403 403 403 403
      GET    /metrics                                      -  | 401 200 403 403 403 403 403
      GET    /beans                                        -  | 401 403 403 403 403 403 403
      GET    /threaddump                                   -  | 401 403 403 403 403 403 403
      GET    /routes                                       -  | 401 403 403 403 403 403 403
      GET    /flyway                                       -  | 401 403 403 403 403 403 403
      GET    /env                                          -  | 401 403 403 403 403 403 403
      GET    /loggers                                      -  | 401 403 403 403 403 403 403
      GET    /info                                         -  | 401 403 403 403 403 403 403
      GET    /api/v1/sms/erasures?status=FAILING           -  | 401 200 403 403 403 403 403
      GET    /api/v1/sms/provider                          -  | 401 200 200 403 403 403 403
      """;

  @Inject EmbeddedServer server;

  private final HttpClient raw = HttpClient.newHttpClient();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  void oneOfEachRoleAndSomethingToLookAt() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    tokens.put("ADMIN", adminToken());
    tokens.put("COORDINATOR", aUser().coordinator().create());
    tokens.put("HVB_STAFF", staffOf(home));
    UUID policeDesk =
        aRecipient()
            .named("Matrispolisen")
            .police()
            .coveringRegion("STOCKHOLM")
            .contact("Vakthavande", "+46701777002")
            .create();
    tokens.put("POLICE", aUser().police("STOCKHOLM").forRecipient(policeDesk).create());
    tokens.put("SOCIAL_SERVICES", aUser().socialServices("0138").create());
    tokens.put("RESEARCHER", aUser().researcher().create());
    String staff = tokens.get("HVB_STAFF");
    UUID child = aChild().inHome(home).named("Matris", "Prov").create();
    uploadPhoto(staff, child);
    Json open = aReport().of(child).by(staff).risk("HIGH").create();
    UUID returnedChild = aChild().inHome(home).named("Matris", "Återkommen").create();
    String returned = aReport().of(returnedChild).by(staff).risk("HIGH").create().string("id");
    aReturn().of(returned).by(staff).at(OffsetDateTime.now().minusMinutes(5)).create();
    as(staff)
        .post(
            "/api/v1/cases/" + returned + "/debrief",
            Map.of(
                "conductedAt",
                OffsetDateTime.now().minusMinutes(1).toString(),
                "interviewerRole",
                "SOCIAL_WORKER",
                "consentToResearch",
                false,
                "reasons",
                List.of("CONFLICT_AT_HOME")));
    UUID recipient =
        aRecipient()
            .named("Matrisjouren")
            .shelter()
            .covering("0138")
            .phone("+46701777001")
            .by(tokens.get("COORDINATOR"))
            .create();
    ids.put("home", home.toString());
    ids.put("child", child.toString());
    ids.put("case", open.string("id"));
    ids.put("caseLink", se.saknad.cases.CaseLinks.path(open.id()));
    ids.put("alert", open.string("alert.id"));
    ids.put("returned", returned);
    ids.put("recipient", recipient.toString());
    ids.put(
        "referral",
        as(tokens.get("COORDINATOR"))
            .post(
                "/api/v1/cases/" + returned + "/referrals",
                Map.of("reason", "SUSPECTED_TRAFFICKING"))
            .string("referral.id"));
    ids.put(
        "concern",
        as(staff)
            .post(
                "/api/v1/children/" + returnedChild + "/concerns",
                Map.of(
                    "observedAt",
                    OffsetDateTime.now().minusMinutes(30).toString(),
                    "signs",
                    List.of("TALKS_OF_LEAVING")))
            .string("id"));
    ids.put("nobody", UUID.randomUUID().toString());
    ids.put(
        "user",
        as(adminToken())
            .post(
                "/api/v1/users",
                Map.of("username", "matris-konto", "password", PASSWORD, "role", "RESEARCHER"))
            .string("id"));
  }

  @Test
  void everyRoleGetsTheExpectedAnswerFromEveryEndpoint() throws Exception {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String line : MATRIX.strip().split("\n")) {
      String[] halves = line.split("\\|");
      String[] call = halves[0].trim().split("\\s+");
      String[] expected = halves[1].trim().split("\\s+");
      String path = call[1];
      for (Map.Entry<String, String> id : ids.entrySet()) {
        path = path.replace("{" + id.getKey() + "}", id.getValue());
      }
      for (int r = 0; r < ROLES.size(); r++) {
        HttpResponse<String> answer = call(call[0], path, call[2], tokens.get(ROLES.get(r)));
        int status = answer.statusCode();
        boolean ok =
            expected[r].equals("4xx")
                ? status == 400 || status == 422
                : status == Integer.parseInt(expected[r]);
        if (!ok) {
          wrong.add(
              call[0]
                  + " "
                  + call[1]
                  + " as "
                  + ROLES.get(r)
                  + ": "
                  + status
                  + ", expected "
                  + expected[r]);
        }
        if (status >= 400 && !call[1].startsWith("/health")) {
          String type = answer.headers().firstValue("Content-Type").orElse("");
          if (!type.startsWith("application/problem+json")) {
            wrong.add(
                call[0] + " " + call[1] + " as " + ROLES.get(r) + ": " + status + " as " + type);
          }
        }
        checked++;
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(checked >= 300, "checked " + checked);
  }

  private void uploadPhoto(String token, UUID child) {
    try {
      java.awt.image.BufferedImage image =
          new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "jpg", jpeg);
      String boundary = "matris";
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      body.write(
          ("--matris\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                  + "Content-Type: image/jpeg\r\n\r\n")
              .getBytes());
      body.write(jpeg.toByteArray());
      body.write("\r\n--matris--\r\n".getBytes());
      HttpResponse<String> answer =
          raw.send(
              HttpRequest.newBuilder(
                      URI.create(server.getURL() + "/api/v1/children/" + child + "/photos"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              BodyHandlers.ofString());
      assertEquals(201, answer.statusCode(), answer.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> call(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .header("Accept", "application/json, application/problem+json, */*;q=0.1");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body.equals("form")) {
      // a well-formed webhook without X-Twilio-Signature
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .method(
              method,
              BodyPublishers.ofString(
                  "MessageSid=SM00000000000000000000000000000001&MessageStatus=delivered"
                      + "&From=%2B46701888001&To=%2B46700000000&Body=OK+1234"));
    } else if (body.equals("-")) {
      if (path.startsWith("/sms/") || path.startsWith("/voice/")) {
        request.header("Content-Type", "application/x-www-form-urlencoded");
      }
      request.method(
          method,
          method.equals("POST") || method.equals("PUT")
              ? BodyPublishers.ofString("")
              : BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString(body));
    }
    return raw.send(request.build(), BodyHandlers.ofString());
  }
}
