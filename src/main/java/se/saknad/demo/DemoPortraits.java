package se.saknad.demo;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Drawn head-and-shoulders figures for the demo children, so that the photo on the case page and
 * the printed search sheet can be seen without a picture of any real person. Shapes only (no text):
 * a minimal machine may have no fonts for AWT. Each figure differs by its colours, as a photo would
 * show clothing.
 */
final class DemoPortraits {
  /** Skin, hair, jacket and background of one figure. */
  record Look(Color skin, Color hair, Color jacket, Color background) {}

  static final Look AHMAD =
      new Look(
          new Color(0xC6, 0x8E, 0x62),
          new Color(0x1E, 0x16, 0x12),
          new Color(0x22, 0x2A, 0x35),
          new Color(0xB9, 0xC8, 0xD6));
  static final Look MARIAM =
      new Look(
          new Color(0xD8, 0xA4, 0x7F),
          new Color(0x2B, 0x1D, 0x16),
          new Color(0x8A, 0x2D, 0x3B),
          new Color(0xD9, 0xD2, 0xC3));
  static final Look YONAS =
      new Look(
          new Color(0x7A, 0x4E, 0x32),
          new Color(0x14, 0x10, 0x0E),
          new Color(0x3E, 0x5F, 0x3A),
          new Color(0xC7, 0xD3, 0xC0));

  private DemoPortraits() {}

  /** A 480 × 600 PNG of the figure: the upload path re-encodes it as any photo. */
  static byte[] png(Look look, boolean longHair) {
    int w = 480;
    int h = 600;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, look.background().brighter(), 0, h, look.background()));
      g.fillRect(0, 0, w, h);
      if (longHair) {
        g.setColor(look.hair());
        g.fill(new RoundRectangle2D.Double(138, 120, 204, 300, 120, 120));
      }
      // shoulders and jacket
      g.setColor(look.jacket());
      Path2D body = new Path2D.Double();
      body.moveTo(60, h);
      body.curveTo(70, 470, 150, 430, 240, 430);
      body.curveTo(330, 430, 410, 470, 420, h);
      body.closePath();
      g.fill(body);
      // neck, collar and head
      g.setColor(look.skin().darker());
      g.fill(new RoundRectangle2D.Double(205, 330, 70, 120, 30, 30));
      g.setColor(look.jacket().darker());
      Path2D collar = new Path2D.Double();
      collar.moveTo(190, 440);
      collar.lineTo(240, 500);
      collar.lineTo(290, 440);
      collar.lineTo(270, 432);
      collar.lineTo(240, 470);
      collar.lineTo(210, 432);
      collar.closePath();
      g.fill(collar);
      g.setColor(look.skin());
      g.fill(new Ellipse2D.Double(160, 140, 160, 210));
      g.setColor(look.hair());
      if (longHair) {
        g.fill(new Ellipse2D.Double(152, 118, 176, 110));
      } else {
        Path2D hair = new Path2D.Double();
        hair.moveTo(158, 230);
        hair.curveTo(150, 120, 330, 110, 322, 230);
        hair.curveTo(300, 175, 190, 170, 158, 230);
        hair.closePath();
        g.fill(hair);
      }
      // eyes and mouth, as a drawing would have them
      g.setColor(new Color(0x24, 0x1C, 0x18));
      g.fill(new Ellipse2D.Double(198, 240, 18, 12));
      g.fill(new Ellipse2D.Double(264, 240, 18, 12));
      g.setColor(look.skin().darker().darker());
      g.fill(new RoundRectangle2D.Double(218, 300, 44, 8, 8, 8));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
