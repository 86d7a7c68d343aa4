package se.saknad.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * XHTML to PDF with openhtmltopdf (CSS paged media on PDFBox), SVG through Batik. Reproducible: the
 * fonts come from a jar and are embedded, the creation and modification dates are the data's own
 * (the end of the period), and the document id is derived from the content, so the same data and
 * period give the same bytes.
 */
final class PdfRendering {
  static final String FONT = "Liberation Sans";
  private static final String[] FILES = {
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf"
  };

  static {
    // Batik draws the charts' text through Java 2D: give it the same fonts from the jar, so the
    // charts do not depend on the fonts the machine happens to have.
    var graphics = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment();
    for (String file : FILES) {
      try (InputStream in = open(file)) {
        graphics.registerFont(java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in));
      } catch (IOException | java.awt.FontFormatException e) {
        throw new IllegalStateException("font not readable: " + file, e);
      }
    }
  }

  private PdfRendering() {}

  static byte[] pdf(String xhtml, String title, Instant dated, byte[] documentId) {
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.withHtmlContent(xhtml, null);
    builder.useSVGDrawer(new BatikSVGDrawer());
    builder.withProducer("Saknad");
    font(builder, FILES[0], 400, FontStyle.NORMAL);
    font(builder, FILES[1], 700, FontStyle.NORMAL);
    font(builder, FILES[2], 400, FontStyle.ITALIC);
    font(builder, FILES[3], 700, FontStyle.ITALIC);
    try (PDDocument document = builder.buildPdfRenderer().createPDFKeepOpen()) {
      PDDocumentInformation info = document.getDocumentInformation();
      GregorianCalendar when = GregorianCalendar.from(dated.atZone(ZoneOffset.UTC));
      info.setCreationDate(when);
      info.setModificationDate(when);
      info.setTitle(title);
      info.setProducer("Saknad");
      info.setCreator("Saknad");
      COSArray id = new COSArray();
      id.add(new COSString(documentId));
      id.add(new COSString(documentId));
      document.getDocument().setDocumentID(id);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void font(PdfRendererBuilder builder, String file, int weight, FontStyle style) {
    builder.useFont(() -> open(file), FONT, weight, style, true);
  }

  private static InputStream open(String file) {
    InputStream in = PdfRendering.class.getResourceAsStream("/liberation/" + file);
    if (in == null) {
      throw new IllegalStateException("font missing from the class path: " + file);
    }
    return in;
  }
}
