package se.saknad.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * The demo children's photos are drawn figures: they go through the same upload as any photo, and
 * the case of a demo child shows one, as the search sheet needs.
 */
@MicronautTest(transactional = false)
class DemoPortraitsTest extends ApiTest {

  @Test
  void eachDemoFigureIsAcceptedAsAPhotoAndShownOnTheCase() throws Exception {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    byte[] previous = null;
    for (DemoPortraits.Look look :
        new DemoPortraits.Look[] {DemoPortraits.AHMAD, DemoPortraits.MARIAM, DemoPortraits.YONAS}) {
      byte[] png = DemoPortraits.png(look, look == DemoPortraits.MARIAM);
      BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(480, drawn.getWidth());
      assertEquals(600, drawn.getHeight());
      if (previous != null) {
        assertNotEquals(previous.length, png.length, "each figure looks different");
      }
      previous = png;

      UUID child = aChild().inHome(home).named("Figur", "Demo").create();
      MultipartBody body =
          MultipartBody.builder()
              .addPart("file", "demo.png", MediaType.IMAGE_PNG_TYPE, png)
              .addPart("takenOn", "2026-09-01")
              .build();
      HttpResponse<String> uploaded =
          http()
              .exchange(
                  HttpRequest.POST("/api/v1/children/" + child + "/photos", body)
                      .contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                      .bearerAuth(staff),
                  String.class);
      assertEquals(201, uploaded.code());

      Json kase = aReport().of(child).by(staff).minutesAgo(5).lastSeenAt(TYRESO_CENTRUM).create();
      assertTrue(as(staff).get("/api/v1/cases/" + kase.id()).flag("hasPhoto"));
      byte[] shown =
          http()
              .exchange(
                  HttpRequest.GET("/api/v1/cases/" + kase.id() + "/photo").bearerAuth(staff),
                  byte[].class)
              .body();
      BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(shown));
      assertEquals(
          drawn.getWidth() * 1.0 / drawn.getHeight(),
          jpeg.getWidth() * 1.0 / jpeg.getHeight(),
          0.01);
      assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8}, java.util.Arrays.copyOf(shown, 2));
    }
  }
}
