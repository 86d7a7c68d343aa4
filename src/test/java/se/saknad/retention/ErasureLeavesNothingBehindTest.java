package se.saknad.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.saknad.support.Eventually.waitUntil;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.FakeTwilio;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;
import se.saknad.support.TwilioApiTest;
import se.saknad.support.TwilioSignature;

/**
 * The retention job leaves nothing behind: fixtures with made-up, distinctive values in every
 * personal field, the job, then a scan of every text column of every table.
 */
@MicronautTest(transactional = false)
class ErasureLeavesNothingBehindTest extends TwilioApiTest {
  private static final String POLICE_PHONE = "+46702731001";
  private static final String GUARDIAN_PHONE = "+46709931447";
  private static final String MERGED_GUARDIAN_PHONE = "+46709931558";

  @Inject ErasingPersonalData retention;

  private UUID home;
  private String staff;
  private String coordinator;
  private String researcher;

  @Override
  protected void sendingSettings(Map<String, String> p) {
    p.put("saknad.sms.escalation-interval", "1h");
    p.put("saknad.sms.erasure.interval", "200ms");
    p.put("saknad.sms.erasure.initial-delay", "0s");
  }

  @BeforeAll
  void people() {
    home = aHome().at(TYRESO_CENTRUM).create();
    staff = aUser().staffOf(home).create();
    coordinator = aUser().coordinator().create();
    researcher = aUser().researcher().create();
    aRecipient()
        .named("Polisregion Stockholm, vakthavande")
        .police()
        .coveringRegion("STOCKHOLM")
        .contact("Vakthavande", POLICE_PHONE)
        .escalateAfterMinutes(60)
        .create();
  }

  // ---- the made-up child ----

  /** Every value below is made up for this test and occurs nowhere else. */
  private static final List<String> ERASED =
      List.of(
          // the child
          "Quintessa",
          "Vranckx-Oyelaran",
          "Quinnie Vranck",
          "UM-90417-33",
          "2009-07-19",
          "kolibri på nacken",
          "Gudrun Kvastvinge",
          GUARDIAN_PHONE,
          "709931447",
          // the record merged into it
          "Zephyrine",
          "Ollivander-Tesk",
          "Zephy Tesk",
          "UM-88123-05",
          "grön mössa med tofs",
          "rutig halsduk",
          "Torbjörn Smedjebacke",
          MERGED_GUARDIAN_PHONE,
          "709931558",
          "Filipstads bryggeri",
          // the cases
          "Kvarnholmens lekpark",
          "Senapsgul regnrock",
          "via brandtrappan",
          "Gullmarsplans pendelbåtar",
          "Slussen-terminalen",
          "Blöt och frusen",
          "med taxi klockan fyra",
          // the first debrief version, without consent
          "pojkvännen Dragomir",
          "jobb i Hallstahammar",
          // the police's reply
          "vid kiosken på Hornsgatan",
          // a concern before the case, and the reason for grading below the risk answers
          "vinröd Volvo vid skolan",
          "insulinpennan i ryggsäcken",
          // children who never went missing
          "Anselmo",
          "Brightwater-Nyqvist",
          "UM-70011-42",
          "Leocadia",
          "Fenwick-Oskarsdotter");

  private static final String CONSENTED_WORDS = "Jag ville se havet vid Varberg";

  private Map<String, Object> profileOf(
      String given, String family, String alias, String dossier, String guardian, String phone) {
    Map<String, Object> p = profile(home, given, family);
    p.put("aliases", List.of(alias));
    p.put("dossierNumber", dossier);
    p.put("guardian", Map.of("name", guardian, "phone", phone));
    p.put("riskIndicators", List.of("PREGNANCY", "SELF_HARM"));
    p.put("languages", List.of("prs", "ps"));
    return p;
  }

  private UUID reportAndReturn(UUID child, String place, String clothing, String circumstances) {
    return reportAndReturn(child, place, clothing, circumstances, Map.of());
  }

  private UUID reportAndReturn(
      UUID child, String place, String clothing, String circumstances, Map<String, Object> more) {
    se.saknad.support.ReportBuilder report =
        aReport()
            .of(child)
            .by(staff)
            .minutesAgo(30 * 60)
            .lastSeenAt(TYRESO_CENTRUM)
            .place(place)
            .clothing(clothing)
            .circumstances(circumstances)
            .risk("HIGH");
    more.forEach(report::with);
    return report.create().id();
  }

  private void returned(UUID kase, String note) {
    Map<String, Object> back = new HashMap<>();
    back.put("returnedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString());
    back.put("foundBy", "Väktare på Slussen-terminalen");
    back.put("condition", "Blöt och frusen men oskadd");
    back.put("note", note);
    as(staff).post("/api/v1/cases/" + kase + "/return", back);
  }

  private static Map<String, Object> debrief(boolean consent, String reasons, String statement) {
    Map<String, Object> d = new HashMap<>();
    d.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    d.put("interviewerRole", "SOCIAL_WORKER");
    d.put("interpreterUsed", true);
    d.put("language", "prs");
    d.put("consentToResearch", consent);
    d.put("reasons", List.of("PRESSURE_BY_ADULTS"));
    d.put("reasonsText", reasons);
    d.put("whereabouts", List.of("WITH_UNKNOWN_ADULTS"));
    d.put("exploitationIndicators", List.of("LABOUR"));
    d.put("childStatement", statement);
    return d;
  }

  private void close(UUID kase) {
    as(coordinator).post("/api/v1/cases/" + kase + "/status", Map.of("status", "CLOSED"));
  }

  private final List<String> replySids = new ArrayList<>();

  private void policeReply(String text) {
    String sid = TwilioSignature.newMessageSid();
    replySids.add(sid);
    HttpResponse<String> answer =
        signedWebhook(
            "/sms/inbound",
            Map.of("MessageSid", sid, "From", POLICE_PHONE, "To", FakeTwilio.FROM, "Body", text));
    assertEquals(200, answer.code());
  }

  private void photo(UUID child) throws Exception {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(40, 50, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", png);
    io.micronaut.http.client.multipart.MultipartBody body =
        io.micronaut.http.client.multipart.MultipartBody.builder()
            .addPart("file", "foto.png", MediaType.IMAGE_PNG_TYPE, png.toByteArray())
            .build();
    assertEquals(
        201,
        http()
            .exchange(
                HttpRequest.POST("/api/v1/children/" + child + "/photos", body)
                    .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                    .bearerAuth(staff),
                String.class)
            .code());
  }

  /** Every (table, column) of the public schema whose text could hold personal data. */
  private List<String[]> textColumns() {
    List<String[]> columns = new ArrayList<>();
    for (Object row :
        column(
            """
            SELECT c.table_name || '.' || c.column_name || '.' || c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND (c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json',
                                   'bytea')
                   OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar')))
            ORDER BY 1
            """)) {
      columns.add(row.toString().split("\\.", 3));
    }
    return columns;
  }

  /** Where any of {@code values} still occurs: "table.column: value". One query per column. */
  private List<String> scan(List<String> values) {
    List<String> found = new ArrayList<>();
    String all = String.join("\u001f", values);
    for (String[] c : textColumns()) {
      String table = '"' + c[0] + '"';
      String col = '"' + c[1] + '"';
      String matches =
          c[2].equals("bytea")
              ? "position(convert_to(v, 'UTF8') IN t." + col + ") > 0"
              : "t." + col + "::text ILIKE '%' || v || '%'";
      for (Object value :
          column(
              "SELECT v FROM unnest(string_to_array(?, chr(31))) v WHERE EXISTS (SELECT 1 FROM "
                  + table
                  + " t WHERE "
                  + matches
                  + ")",
              all)) {
        found.add(c[0] + "." + c[1] + ": " + value);
      }
    }
    return found;
  }

  @Test
  void afterTheRetentionJobNoTextColumnHoldsAnythingAboutTheChild() throws Exception {
    // The record that is later merged away, with a case of its own and a changed profile.
    Map<String, Object> mergedProfile =
        profileOf(
            "Zephyrine",
            "Ollivander-Tesk",
            "Zephy Tesk",
            "UM-88123-05",
            "Torbjörn Smedjebacke",
            MERGED_GUARDIAN_PHONE);
    mergedProfile.put("description", "Bär alltid en grön mössa med tofs");
    UUID mergedAway = newChild(staff, mergedProfile);
    mergedProfile.put("description", "Bär alltid en rutig halsduk");
    as(staff).put("/api/v1/children/" + mergedAway, mergedProfile);
    UUID earlier =
        reportAndReturn(mergedAway, "Bakom Filipstads bryggeri", "Senapsgul regnrock", "");
    returned(earlier, "Hämtades med taxi klockan fyra");
    close(earlier);

    Map<String, Object> p =
        profileOf(
            "Quintessa",
            "Vranckx-Oyelaran",
            "Quinnie Vranck",
            "UM-90417-33",
            "Gudrun Kvastvinge",
            GUARDIAN_PHONE);
    p.put("dateOfBirth", "2009-07-19");
    p.put("description", "Tatuering av en kolibri på nacken");
    p.put("gender", "FEMALE");
    UUID child = newChild(staff, p);
    photo(mergedAway);
    photo(child);
    as(coordinator).post("/api/v1/children/" + child + "/merge", Map.of("otherId", mergedAway));

    as(staff)
        .post(
            "/api/v1/children/" + child + "/concerns",
            Map.of(
                "observedAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).toString(),
                "signs",
                List.of("PICKED_UP_BY_STRANGERS"),
                "note",
                "Hämtades av en vinröd Volvo vid skolan"));
    UUID kase =
        reportAndReturn(
            child,
            "Kvarnholmens lekpark vid ankdammen",
            "Senapsgul regnrock",
            "Lämnade via brandtrappan efter middagen",
            Map.of(
                "riskLevel",
                "ELEVATED",
                "riskAnswers",
                Map.of("MEDICATION", true),
                "riskOverrideReason",
                "Har insulinpennan i ryggsäcken"));
    as(staff)
        .post(
            "/api/v1/cases/" + kase + "/sightings",
            Map.of(
                "seenAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(20).toString(),
                "location",
                TYRESO_CENTRUM,
                "note",
                "Sågs vid Gullmarsplans pendelbåtar"));
    waitUntil(
        "the alerts are handed to the provider",
        () ->
            TestDatabase.count(
                    "SELECT count(*) FROM delivery WHERE status IN ('QUEUED', 'SENDING')")
                == 0);
    policeReply(
        "OK "
            + TestDatabase.value(
                String.class, "SELECT code FROM disappearance_case WHERE id = ?", kase));
    policeReply("Vi hittade Quintessa Vranckx-Oyelaran vid kiosken på Hornsgatan, hon är gravid");
    returned(kase, "Hämtades med taxi klockan fyra");
    String uri = "/api/v1/cases/" + kase + "/debrief";
    as(staff)
        .post(
            uri,
            debrief(
                false,
                "Rymde för att träffa pojkvännen Dragomir",
                "Dragomir lovade mig jobb i Hallstahammar"));
    as(staff).put(uri, debrief(true, "Ville till havet", CONSENTED_WORDS));
    close(kase);

    // Never missing: one whose placement ended three years ago, one long past 21.
    Map<String, Object> left =
        profileOf(
            "Anselmo",
            "Brightwater-Nyqvist",
            "Anselmo B",
            "UM-70011-42",
            "Gudrun Kvastvinge",
            GUARDIAN_PHONE);
    UUID movedOut = newChild(staff, left);
    as(staff)
        .post(
            "/api/v1/children/" + movedOut + "/placement-ended",
            Map.of("endedOn", LocalDate.now().minusYears(3).toString()));
    Map<String, Object> grown =
        profileOf(
            "Leocadia",
            "Fenwick-Oskarsdotter",
            "Leo F",
            "UM-70011-43",
            "Gudrun Kvastvinge",
            GUARDIAN_PHONE);
    grown.put("dateOfBirth", "2001-05-06");
    UUID grownUp = newChild(staff, grown);
    // And one who moved out yesterday: kept.
    UUID recent = aChild().inHome(home).named("Kvarhållen", "Nyligen-Utflyttad").by(staff).create();
    as(staff)
        .post(
            "/api/v1/children/" + recent + "/placement-ended",
            Map.of("endedOn", LocalDate.now().minusDays(1).toString()));

    List<String> before = scan(ERASED);
    assertTrue(before.size() > 20, "the fixtures are where the scan looks: " + before);
    assertTrue(scan(List.of(CONSENTED_WORDS)).size() > 0, "the consented words are stored");
    sql(
        "UPDATE disappearance_case SET closed_at = now() - interval '3 years' WHERE child_id = ?",
        child);
    // The replies came while the case was open, three years ago as well.
    sql(
        "UPDATE inbound_message SET received_at = now() - interval '3 years'"
            + " WHERE message_sid = ANY(string_to_array(?, ','))",
        String.join(",", replySids));
    // Every message sent or received about the child, by the provider's id.
    List<String> messages = new ArrayList<>(replySids);
    column(
            "SELECT DISTINCT provider_sid FROM delivery WHERE provider_sid IS NOT NULL AND case_id IN"
                + " (SELECT id FROM disappearance_case WHERE child_id = ?)",
            child)
        .forEach(sid -> messages.add(sid.toString()));
    assertTrue(messages.size() >= 6, "messages about the child: " + messages);
    Json statsBefore = as(researcher).get("/api/v1/research/statistics");
    Json rowsBefore = as(researcher).get("/api/v1/research/debriefs");

    assertTrue(retention.eraseExpired() >= 3);

    assertEquals(List.of(), scan(ERASED), "personal data left after erasure");
    waitUntil(
        "the provider was asked to delete every message about the child",
        () -> {
          List<String> gone = new ArrayList<>(twilio.deleted());
          gone.addAll(twilio.redacted());
          return gone.containsAll(messages);
        });
    assertEquals(statsBefore, as(researcher).get("/api/v1/research/statistics"));
    assertEquals(rowsBefore, as(researcher).get("/api/v1/research/debriefs"));
    assertEquals(
        List.of(CONSENTED_WORDS),
        column("SELECT child_statement FROM debrief WHERE case_id = ?", kase),
        "words the child agreed to share stay for research");
    for (UUID erased : List.of(child, mergedAway, movedOut, grownUp)) {
      assertEquals(
          List.of(0L),
          column("SELECT count(*) FROM child_photo WHERE child_id = ?", erased),
          "photos go");
      assertEquals(
          List.of("{}|{}"),
          column(
              "SELECT risk_indicators::text || '|' || languages::text FROM child WHERE id = ?",
              erased),
          "risk indicators and languages go");
      assertEquals(
          List.of(1L),
          column(
              "SELECT count(*) FROM audit_event WHERE action = 'PERSONAL_DATA_ERASED'"
                  + " AND child_id = ?",
              erased));
    }
    assertTrue(
        as(coordinator).get("/api/v1/children/" + recent).toString().contains("Nyligen-Utflyttad"),
        "a placement that ended yesterday is kept");
    assertEquals(0, retention.eraseExpired(), "nothing is erased twice");
  }
}
