package se.saknad.children;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import se.saknad.common.ProblemException;

/**
 * Turns an uploaded photo into a fresh JPEG: the pixels are decoded and encoded again, so nothing
 * of the upload but its picture survives (no EXIF, no GPS position, no comment, no appended file).
 * Before anything is decoded, the type is read from the bytes and must match the declared one, the
 * dimensions are read from the header and a picture too large to decode safely is refused, and an
 * upload that is also a document, an archive or a script (a polyglot) is refused outright.
 */
@Singleton
class PhotoImages {
  /** The largest upload: a phone camera's JPEG of 12 to 50 megapixels stays below it. */
  static final int MAX_BYTES = 8 * 1024 * 1024;

  /** Pixels decoded at most: more is a decompression bomb, not a photo. */
  static final long MAX_PIXELS = 60_000_000L;

  /** The longest side kept: enough to recognise a face on a printed A4 sheet. */
  static final int MAX_SIDE = 1600;

  private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D'};

  /** What marks a second format hidden in an image: markup, script, PDF, archive. */
  private static final List<String> FOREIGN =
      List.of("<script", "<html", "<body", "<iframe", "<?php", "<!doctype");

  /** Decoding takes memory: at most two at a time, whatever the number of uploads. */
  private final Semaphore decoding = new Semaphore(2);

  record Encoded(byte[] jpeg, int width, int height) {}

  static ProblemException tooLarge() {
    return new ProblemException(
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "photo-too-large",
        "The photo is too large",
        "a photo may be at most " + MAX_BYTES / (1024 * 1024) + " MB",
        List.of(new se.saknad.common.FieldError("file", "larger than 8 MB")),
        null);
  }

  private static ProblemException notAnImage(String detail) {
    return new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "not-an-image",
        "The file is not a photo",
        detail,
        List.of(new se.saknad.common.FieldError("file", "not a JPEG or PNG photo")),
        null);
  }

  Encoded reencode(byte[] upload, String declaredType) {
    if (upload == null || upload.length == 0) {
      throw ProblemException.badRequest("file", "must not be empty");
    }
    if (upload.length > MAX_BYTES) {
      throw tooLarge();
    }
    String format = sniff(upload);
    if (format == null) {
      throw notAnImage("only JPEG and PNG photos are accepted");
    }
    if (declaredType != null
        && !declaredType.equalsIgnoreCase("image/" + format)
        && !(format.equals("jpeg") && declaredType.equalsIgnoreCase("image/jpg"))) {
      throw notAnImage("the file's content does not match its declared type");
    }
    if (containsForeignFormat(upload)) {
      throw notAnImage("the file holds something besides a picture");
    }
    if (format.equals("png") && !endsAt(upload, PNG_END, 12)) {
      throw notAnImage("data follows the end of the picture");
    }
    try {
      decoding.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to decode", e);
    }
    try {
      BufferedImage picture = decode(upload, format);
      if (format.equals("jpeg")) {
        picture = upright(picture, orientation(upload));
      }
      return encode(picture);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException p) {
        throw p;
      }
      throw notAnImage("the picture could not be read");
    } finally {
      decoding.release();
    }
  }

  private static String sniff(byte[] b) {
    if (startsWith(b, JPEG_MAGIC)) {
      return "jpeg";
    }
    if (startsWith(b, PNG_MAGIC)) {
      return "png";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** A PNG ends with its IEND chunk and that chunk's four-byte CRC, nothing after. */
  private static boolean endsAt(byte[] b, byte[] marker, int fromEnd) {
    int start = b.length - fromEnd;
    if (start < 0) {
      return false;
    }
    for (int i = 0; i < marker.length; i++) {
      if (b[start + i] != marker[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Markers of another format anywhere in the file: markup (any case), a PDF header, a ZIP (both
   * its first local header and its closing directory). Each is five or more bytes, so the
   * compressed data of a real photo matches one by chance far less than once in ten thousand
   * uploads.
   */
  static boolean containsForeignFormat(byte[] b) {
    String raw = new String(b, StandardCharsets.ISO_8859_1);
    String lower = raw.toLowerCase(Locale.ROOT);
    for (String marker : FOREIGN) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return raw.contains("%PDF-")
        || raw.contains("PK\u0003\u0004") && raw.contains("PK\u0005\u0006");
  }

  private static BufferedImage decode(byte[] upload, String format) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
      if (!readers.hasNext()) {
        throw new IOException("no reader for " + format);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // The header alone says how big the picture is: checked before a pixel is decoded.
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width <= 0
            || height <= 0
            || width * height > MAX_PIXELS
            || width > 20_000
            || height > 20_000) {
          throw notAnImage(
              "the picture is " + width + " × " + height + " pixels, too many to read");
        }
        // Decode only every n-th pixel when the picture is far larger than what is kept.
        int step = (int) Math.max(1, Math.max(width, height) / (2L * MAX_SIDE));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    }
  }

  /** The EXIF orientation a phone writes instead of turning the pixels; 1 when there is none. */
  private static int orientation(byte[] jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      if (exif.isEmpty()) {
        return 1;
      }
      byte[] data = exif.get(0).data().readAllBytes();
      int tiff = 0;
      while (tiff < Math.min(4, data.length) && data[tiff] != 'I' && data[tiff] != 'M') {
        tiff++;
      }
      try (ImageInputStream tiffIn =
          ImageIO.createImageInputStream(
              new ByteArrayInputStream(data, tiff, data.length - tiff))) {
        Directory directory = new TIFFReader().read(tiffIn);
        Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
        return entry == null ? 1 : ((Number) entry.getValue()).intValue();
      }
    } catch (IOException | RuntimeException e) {
      return 1; // broken metadata: the picture as stored
    }
  }

  /** Turns and mirrors the pixels as the EXIF orientation says (values 2 to 8). */
  private static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swap = orientation >= 5;
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> t.scale(-1, 1);
      case 3 -> t.rotate(Math.PI);
      case 4 -> t.scale(1, -1);
      case 5 -> {
        t.rotate(Math.PI / 2);
        t.scale(1, -1);
      }
      case 6 -> t.rotate(Math.PI / 2);
      case 7 -> {
        t.rotate(-Math.PI / 2);
        t.scale(1, -1);
      }
      default -> t.rotate(-Math.PI / 2);
    }
    // Move the turned picture back into view.
    java.awt.geom.Rectangle2D bounds =
        t.createTransformedShape(new java.awt.Rectangle(0, 0, w, h)).getBounds2D();
    AffineTransform move = AffineTransform.getTranslateInstance(-bounds.getX(), -bounds.getY());
    move.concatenate(t);
    BufferedImage turned =
        new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = turned.createGraphics();
    try {
      g.drawImage(image, move, null);
    } finally {
      g.dispose();
    }
    return turned;
  }

  private static Encoded encode(BufferedImage source) throws IOException {
    double scale =
        Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
    int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
    // RGB on white: a PNG's transparency becomes white, never black.
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      writer.write(null, new IIOImage(target, null, null), param);
    } finally {
      writer.dispose();
    }
    return new Encoded(out.toByteArray(), width, height);
  }
}
