package se.saknad.cases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;
import se.saknad.support.TestDatabase;

/**
 * The people who search: the SMS link, the case as a search sheet, the child's photo and the
 * "Kvittera" button.
 */
@MicronautTest(transactional = false)
class SearchSheetTest extends ApiTest {
  @Inject EmbeddedServer server;
  @Inject se.saknad.retention.ErasingPersonalData retention;

  private final HttpClient raw = HttpClient.newHttpClient();
  private UUID home;
  private UUID otherHome;
  private String staff;
  private String otherStaff;
  private String police;
  private String policeSouth;
  private String coordinator;
  private UUID policeDesk;

  @BeforeAll
  void homesPeopleAndAPoliceDesk() {
    home =
        aHome().named("HVB Sökbladet").at(TYRESO_CENTRUM).with("phone", "08-123 456 78").create();
    otherHome = aHome().at(TYRESO_CENTRUM).create();
    staff = staffOf(home);
    otherStaff = staffOf(otherHome);
    policeDesk =
        aRecipient()
            .named("Polisen RLC Stockholm (sökblad)")
            .police()
            .coveringRegion("STOCKHOLM")
            .contact("Vakthavande", "+46701888101")
            .create();
    police = aUser().police("STOCKHOLM").forRecipient(policeDesk).create();
    policeSouth = aUser().police("SYD").create();
    coordinator = aUser().coordinator().create();
  }

  private String reportMissing(UUID child) {
    return aReport()
        .of(child)
        .by(staff)
        .minutesAgo(95)
        .lastSeenAt(TYRESO_CENTRUM)
        .place("Busshållplatsen Tyresö centrum")
        .clothing("Svart dunjacka, röd mössa")
        .risk("HIGH")
        .create()
        .string("id");
  }

  private HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return raw.send(
        request.method(method, BodyPublishers.noBody()).build(), BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> upload(
      String token, UUID child, byte[] file, String type, String takenOn) throws Exception {
    String boundary = "saknad" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"foto\"\r\n"
                + "Content-Type: "
                + type
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(file);
    body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    if (takenOn != null) {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"takenOn\"\r\n\r\n"
                  + takenOn
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return raw.send(
        HttpRequest.newBuilder(
                URI.create(server.getURL() + "/api/v1/children/" + child + "/photos"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> photoOfCase(String token, String caseId) throws Exception {
    return raw.send(
        HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/cases/" + caseId + "/photo"))
            .header("Authorization", "Bearer " + token)
            .build(),
        BodyHandlers.ofByteArray());
  }

  static byte[] picture(int width, int height, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(40, 90, 160));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.ORANGE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** A JPEG as a phone writes it: EXIF with an orientation and a GPS position after the SOI. */
  static byte[] phoneJpeg(int width, int height, int orientation, String gpsMarker)
      throws IOException {
    byte[] jpeg = picture(width, height, "jpg");
    ByteBuffer tiff = ByteBuffer.allocate(64 + gpsMarker.length()).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8); // header, first IFD at 8
    tiff.putShort((short) 1); // one entry: orientation
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation);
    tiff.putShort((short) 0);
    tiff.putInt(0); // no next IFD
    tiff.put(gpsMarker.getBytes(StandardCharsets.US_ASCII)); // stands for the GPS data
    byte[] tiffBytes = java.util.Arrays.copyOf(tiff.array(), tiff.position());
    byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int length = 2 + exifHeader.length + tiffBytes.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // SOI
    out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
    out.write(exifHeader);
    out.write(tiffBytes);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** A valid PNG header claiming a huge picture, with a tiny body: a decompression bomb. */
  static byte[] pngBomb() {
    ByteBuffer png = ByteBuffer.allocate(8 + 25 + 12);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(100_000).putInt(100_000);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    CRC32 end = new CRC32();
    end.update("IEND".getBytes(StandardCharsets.US_ASCII));
    png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) end.getValue());
    return png.array();
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }

  @Test
  void theSmsLinkIsShortAndOpensTheCasePage() throws Exception {
    UUID child = aChild().inHome(home).named("Länk", "Provsson").create();
    String caseId = reportMissing(child);
    String path = CaseLinks.path(UUID.fromString(caseId));
    assertTrue(path.length() <= 3 + 22, path);
    String sms =
        TestDatabase.value(
            String.class,
            "SELECT body FROM delivery WHERE case_id = ?::uuid AND recipient_id = ?",
            caseId,
            policeDesk);
    assertTrue(sms.endsWith(path), sms);

    HttpResponse<String> shortLink = send("GET", path, null);
    assertEquals(303, shortLink.statusCode());
    assertEquals(
        "/app/case.html?id=" + caseId, shortLink.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> longLink = send("GET", "/cases/" + caseId, null);
    assertEquals(303, longLink.statusCode());
    assertEquals(
        "/app/case.html?id=" + caseId, longLink.headers().firstValue("Location").orElseThrow());
    // A broken link still opens the page, which says in Swedish that the case cannot be shown.
    HttpResponse<String> broken = send("GET", "/c/not-a-case", null);
    assertEquals(303, broken.statusCode());
  }

  @Test
  void policeReadASearchSheetWithoutTheFamilyName() {
    UUID child =
        aChild()
            .inHome(home)
            .named("Sökbar", "Efternamnsson")
            .dossier("SK-" + UUID.randomUUID().toString().substring(0, 6))
            .create();
    String caseId = reportMissing(child);

    Json sheet = as(police).get("/api/v1/cases/" + caseId);
    assertEquals("Sökbar", sheet.string("child.givenName"));
    assertNull(
        sheet.string("child.familyName"), "police may not read the profile: first name only");
    assertNull(sheet.string("child.dossierNumber"));
    assertEquals("Svart dunjacka, röd mössa", sheet.string("clothing"));
    assertEquals("Kort, mörkt hår, ärr på vänster hand", sheet.string("description"));
    assertEquals(List.of("prs", "fa"), sheet.strings("languages"));
    assertEquals(List.of("PREVIOUS_DISAPPEARANCE"), sheet.strings("riskIndicators"));
    assertEquals("Busshållplatsen Tyresö centrum", sheet.string("lastSeenPlace"));
    assertEquals("+46812345678", sheet.string("homePhone"), "typed 08-123 456 78, kept in E.164");
    assertEquals(false, sheet.flag("hasPhoto"));
    assertEquals(true, sheet.flag("mayAcknowledge"));
    assertEquals("Tyresö", sheet.string("sheet.municipalityName"));
    assertEquals("HVB Sökbladet", sheet.string("sheet.homeName"));
    assertTrue(sheet.integer("sheet.minutesMissing") >= 95, sheet.at("sheet").toString());

    Json forStaff = as(staff).get("/api/v1/cases/" + caseId);
    assertEquals("Efternamnsson", forStaff.string("child.familyName"));
    assertEquals(false, forStaff.flag("mayAcknowledge"));

    // Out of the police region: as if it did not exist.
    problemOf(404, () -> as(policeSouth).get("/api/v1/cases/" + caseId));
  }

  @Test
  void aPhotoIsReEncodedWithoutExifAndShownToWhoeverMayReadTheCase() throws Exception {
    UUID child = aChild().inHome(home).named("Foto", "Bildsson").create();
    byte[] original = phoneJpeg(2400, 1200, 6, "GPS-59.2435-18.2290");
    assertTrue(contains(original, "GPS-59.2435"));
    HttpResponse<byte[]> created = upload(staff, child, original, "image/jpeg", "2026-10-01");
    assertEquals(201, created.statusCode(), new String(created.body(), StandardCharsets.UTF_8));
    String caseId = reportMissing(child);

    HttpResponse<byte[]> photo = photoOfCase(police, caseId);
    assertEquals(200, photo.statusCode());
    assertEquals("image/jpeg", photo.headers().firstValue("Content-Type").orElse(""));
    assertEquals("no-store", photo.headers().firstValue("Cache-Control").orElse(""));
    assertFalse(contains(photo.body(), "Exif"), "no EXIF segment");
    assertFalse(contains(photo.body(), "GPS-59.2435"), "no position");
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(photo.body()));
    // Orientation 6 (turned a quarter) is applied, then the long side is cut to 1600.
    assertEquals(800, shown.getWidth());
    assertEquals(1600, shown.getHeight());

    Json sheet = as(police).get("/api/v1/cases/" + caseId);
    assertEquals(true, sheet.flag("hasPhoto"));
    assertEquals("2026-10-01", sheet.string("photoTakenOn"));
    assertEquals(
        1L,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'PHOTO_READ' AND case_id = ?::uuid",
            caseId));

    // A newer version replaces it on the sheet; the older is kept.
    assertEquals(
        201, upload(staff, child, picture(300, 400, "png"), "image/png", null).statusCode());
    BufferedImage newest =
        ImageIO.read(new ByteArrayInputStream(photoOfCase(police, caseId).body()));
    assertEquals(300, newest.getWidth());
    assertNull(as(police).get("/api/v1/cases/" + caseId).string("photoTakenOn"));
    assertEquals(
        2L, TestDatabase.count("SELECT count(*) FROM child_photo WHERE child_id = ?", child));

    // Whoever may not read the case does not get the photo either.
    assertEquals(404, photoOfCase(policeSouth, caseId).statusCode());
    assertEquals(404, photoOfCase(otherStaff, caseId).statusCode());
    // Never in the SMS.
    for (Object body : column("SELECT body FROM delivery WHERE case_id = ?::uuid", caseId)) {
      assertFalse(body.toString().contains("photo"), body.toString());
    }
  }

  @Test
  void whatIsNotAPhotoIsRefusedAndNothingIsStored() throws Exception {
    UUID child = aChild().inHome(home).named("Vägrad", "Bildsson").create();
    byte[] jpeg = picture(200, 200, "jpg");
    byte[] png = picture(200, 200, "png");
    Map<String, byte[]> refusedAs415 = new java.util.LinkedHashMap<>();
    refusedAs415.put("text", "just some text, not a picture".getBytes(StandardCharsets.UTF_8));
    refusedAs415.put("html declared as jpeg", "<html><script>alert(1)</script>".getBytes());
    byte[] polyglot = java.util.Arrays.copyOf(jpeg, jpeg.length + 40);
    System.arraycopy(
        "<script>fetch('/x')</script>".getBytes(StandardCharsets.US_ASCII),
        0,
        polyglot,
        jpeg.length,
        28);
    refusedAs415.put("jpeg with a script appended", polyglot);
    byte[] pdf = java.util.Arrays.copyOf(jpeg, jpeg.length + 9);
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, jpeg.length, 9);
    refusedAs415.put("jpeg with a pdf appended", pdf);
    byte[] trailing = java.util.Arrays.copyOf(png, png.length + 16);
    refusedAs415.put("png with data after its end", trailing);
    refusedAs415.put("decompression bomb", pngBomb());
    for (Map.Entry<String, byte[]> bad : refusedAs415.entrySet()) {
      HttpResponse<byte[]> answer = upload(staff, child, bad.getValue(), "image/jpeg", null);
      assertEquals(415, answer.statusCode(), bad.getKey());
      assertTrue(
          answer.headers().firstValue("Content-Type").orElse("").contains("problem+json"),
          bad.getKey());
    }
    assertEquals(415, upload(staff, child, jpeg, "image/png", null).statusCode(), "mismatch");
    assertEquals(
        413,
        upload(staff, child, new byte[8 * 1024 * 1024 + 1], "image/jpeg", null).statusCode(),
        "too large");
    HttpResponse<byte[]> future =
        upload(staff, child, jpeg, "image/jpeg", LocalDate.now().plusDays(3).toString());
    assertEquals(422, future.statusCode());
    assertEquals(400, upload(staff, child, jpeg, "image/jpeg", "igår").statusCode());
    assertEquals(
        0L, TestDatabase.count("SELECT count(*) FROM child_photo WHERE child_id = ?", child));

    // Who may not edit the child may not upload: another home's staff, the police.
    assertEquals(404, upload(otherStaff, child, jpeg, "image/jpeg", null).statusCode());
    assertEquals(403, upload(police, child, jpeg, "image/jpeg", null).statusCode());
    assertEquals(201, upload(coordinator, child, jpeg, "image/jpeg", null).statusCode());
  }

  @Test
  void policeAcknowledgeOnTheWebWithTheSameEffectAsAnSmsReply() throws Exception {
    UUID child = aChild().inHome(home).named("Kvitto", "Webbsson").create();
    String caseId = reportMissing(child);
    String acknowledgement = "/api/v1/cases/" + caseId + "/acknowledgement";
    problemOf(403, () -> as(staff).post(acknowledgement, Map.of()));
    problemOf(404, () -> as(policeSouth).post(acknowledgement, Map.of()));

    Json first = as(police).post(acknowledgement, Map.of());
    assertEquals("ACKNOWLEDGED", first.string("outcome"));
    assertEquals(
        List.of("ACKNOWLEDGED"),
        column(
            "SELECT DISTINCT status FROM delivery WHERE case_id = ?::uuid AND recipient_id = ?",
            caseId,
            policeDesk));
    assertEquals(
        List.of(false),
        column(
            "SELECT DISTINCT ack_required FROM delivery WHERE case_id = ?::uuid AND recipient_id = ?",
            caseId,
            policeDesk));
    // The officer answers for the desk the account is bound to, once, and the answer is audited
    // (other police desks of the region, from other tests sharing the database, stay unanswered).
    assertEquals(
        List.of("WEB"),
        column(
            "SELECT channel FROM acknowledgement WHERE case_id = ?::uuid AND recipient_id = ?",
            caseId,
            policeDesk));
    assertEquals(
        List.of(policeDesk),
        column("SELECT recipient_id FROM acknowledgement WHERE case_id = ?::uuid", caseId));
    long acknowledged =
        TestDatabase.count("SELECT count(*) FROM acknowledgement WHERE case_id = ?::uuid", caseId);
    assertEquals(
        acknowledged,
        TestDatabase.count(
            "SELECT count(*) FROM audit_event WHERE action = 'ALERT_ACKNOWLEDGED_WEB'"
                + " AND case_id = ?::uuid AND actor_role = 'POLICE'",
            caseId));
    Json acks = as(coordinator).get("/api/v1/cases/" + caseId).at("acknowledgements");
    List<String> deskChannels =
        acks.strings("[?(@.recipientName == 'Polisen RLC Stockholm (sökblad)')].channel");
    assertFalse(deskChannels.isEmpty(), acks.toString());
    assertEquals("WEB", deskChannels.get(0));
    assertEquals(acknowledged, (long) acks.size());

    Json again = as(police).post(acknowledgement, Map.of());
    assertEquals("ALREADY_ACKNOWLEDGED", again.string("outcome"));

    aReturn().of(caseId).by(staff).at(OffsetDateTime.now().minusMinutes(1)).create();
    problemOf(409, () -> as(police).post(acknowledgement, Map.of()));
    assertEquals(false, as(police).get("/api/v1/cases/" + caseId).flag("mayAcknowledge"));
  }

  @Test
  void retentionErasesEveryVersionOfThePhoto() throws Exception {
    UUID child = aChild().inHome(home).named("Gammal", "Fotosson").create();
    assertEquals(
        201, upload(staff, child, picture(100, 100, "jpg"), "image/jpeg", null).statusCode());
    assertEquals(
        201, upload(staff, child, picture(120, 100, "png"), "image/png", null).statusCode());
    String caseId = reportMissing(child);
    aReturn().of(caseId).by(staff).at(OffsetDateTime.now().minusMinutes(1)).create();
    as(coordinator).post("/api/v1/cases/" + caseId + "/status", Map.of("status", "CLOSED"));
    sql(
        "UPDATE disappearance_case SET closed_at = now() - interval '3 years' WHERE id = ?::uuid",
        caseId);
    assertTrue(retention.eraseExpired() >= 1);
    assertEquals(
        0L, TestDatabase.count("SELECT count(*) FROM child_photo WHERE child_id = ?", child));
    assertEquals(404, photoOfCase(coordinator, caseId).statusCode());
  }

  @Test
  void aCaseWithoutAPhotoAnswers404() throws Exception {
    UUID child = aChild().inHome(home).named("Utan", "Fotosson").create();
    String caseId = reportMissing(child);
    HttpResponse<byte[]> none = photoOfCase(police, caseId);
    assertEquals(404, none.statusCode());
    assertArrayEquals(
        "application/problem+json".getBytes(),
        none.headers().firstValue("Content-Type").orElse("").substring(0, 24).getBytes());
  }
}
