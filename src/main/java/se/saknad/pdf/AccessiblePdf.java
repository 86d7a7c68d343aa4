package se.saknad.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.GregorianCalendar;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;

/**
 * XHTML to an accessible, archivable PDF with openhtmltopdf (CSS paged media on PDFBox), SVG
 * through Batik: PDF/UA-1 (tagged structure in reading order from the XHTML, the language of its
 * {@code lang}, the title shown by viewers) and PDF/A-2a (sRGB output intent, XMP metadata). Every
 * font is a TTF from this jar and embedded; the documents name no other font.
 *
 * <p>Reproducible: the creation and modification dates are the caller's (the data's own), in the
 * document information and in the XMP alike, and the document id is the caller's, so the same
 * content gives the same bytes.
 */
public final class AccessiblePdf {
  /** The one font family the documents may name, in CSS and in SVG. */
  public static final String FONT = "Liberation Sans";

  private static final String[] FILES = {
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf"
  };

  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

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

  private AccessiblePdf() {}

  /**
   * The document as PDF. The XHTML carries {@code lang} on its root, a {@code <title>} and alt text
   * on every image; its text is tagged by its elements (headings, tables, lists, figures).
   */
  public static byte[] render(String xhtml, String title, Instant dated, byte[] documentId) {
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.usePdfUaAccessibility(true);
    builder.usePdfAConformance(PdfAConformance.PDFA_2_A);
    builder.useColorProfile(SRGB);
    builder.withHtmlContent(xhtml, null);
    builder.useSVGDrawer(new BatikSVGDrawer());
    builder.withProducer("Saknad");
    font(builder, FILES[0], 400, FontStyle.NORMAL);
    font(builder, FILES[1], 700, FontStyle.NORMAL);
    font(builder, FILES[2], 400, FontStyle.ITALIC);
    font(builder, FILES[3], 700, FontStyle.ITALIC);
    try (PDDocument document = builder.buildPdfRenderer().createPDFKeepOpen()) {
      GregorianCalendar when = GregorianCalendar.from(dated.atZone(ZoneOffset.UTC));
      PDDocumentInformation info = document.getDocumentInformation();
      info.setCreationDate(when);
      info.setModificationDate(when);
      info.setTitle(title);
      info.setProducer("Saknad");
      info.setCreator("Saknad");
      sameInXmp(document, title, when);
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

  /**
   * PDF/A wants the XMP metadata to say what the document information says; openhtmltopdf writes it
   * with the time of rendering, so it is written again here, whole: PDF/A-2a and PDF/UA-1
   * identification (with the extension schema PDF/A-2 needs for the PDF/UA namespace), title,
   * dates, producer.
   */
  private static void sameInXmp(PDDocument document, String title, GregorianCalendar when)
      throws IOException {
    String date = XMP_DATE.format(when.toZonedDateTime());
    String xmp =
        XMP.replace("{title}", escape(title)).replace("{date}", date).replace("{tool}", "Saknad");
    PDMetadata metadata =
        new PDMetadata(document, new ByteArrayInputStream(xmp.getBytes(StandardCharsets.UTF_8)));
    document.getDocumentCatalog().setMetadata(metadata);
  }

  private static final DateTimeFormatter XMP_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private static final String XMP =
      """
      <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
      <x:xmpmeta xmlns:x="adobe:ns:meta/">
       <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description rdf:about=""
          xmlns:dc="http://purl.org/dc/elements/1.1/"
          xmlns:xmp="http://ns.adobe.com/xap/1.0/"
          xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
          xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
          xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
          xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
          xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
          xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
         <dc:format>application/pdf</dc:format>
         <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
         <dc:creator><rdf:Seq><rdf:li>{tool}</rdf:li></rdf:Seq></dc:creator>
         <xmp:CreateDate>{date}</xmp:CreateDate>
         <xmp:ModifyDate>{date}</xmp:ModifyDate>
         <xmp:MetadataDate>{date}</xmp:MetadataDate>
         <xmp:CreatorTool>{tool}</xmp:CreatorTool>
         <pdf:Producer>{tool}</pdf:Producer>
         <pdfaid:part>2</pdfaid:part>
         <pdfaid:conformance>A</pdfaid:conformance>
         <pdfuaid:part>1</pdfuaid:part>
         <pdfaExtension:schemas>
          <rdf:Bag>
           <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
            <pdfaSchema:property>
             <rdf:Seq>
              <rdf:li rdf:parseType="Resource">
               <pdfaProperty:name>part</pdfaProperty:name>
               <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
               <pdfaProperty:category>internal</pdfaProperty:category>
               <pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
              </rdf:li>
             </rdf:Seq>
            </pdfaSchema:property>
           </rdf:li>
          </rdf:Bag>
         </pdfaExtension:schemas>
        </rdf:Description>
       </rdf:RDF>
      </x:xmpmeta>
      <?xpacket end="w"?>
      """;

  /**
   * Text for the XHTML a document is rendered from (and for its metadata): the five escapes, and
   * nothing XML 1.0 cannot carry (a statement may still hold a control character).
   */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static void font(PdfRendererBuilder builder, String file, int weight, FontStyle style) {
    builder.useFont(() -> open(file), FONT, weight, style, true);
  }

  private static InputStream open(String file) {
    InputStream in = AccessiblePdf.class.getResourceAsStream("/fonts/liberation/" + file);
    if (in == null) {
      throw new IllegalStateException("font missing from the class path: " + file);
    }
    return in;
  }
}
