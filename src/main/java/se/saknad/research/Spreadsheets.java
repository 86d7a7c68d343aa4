package se.saknad.research;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A workbook in Office Open XML (.xlsx) with a few sheets of plain cells, written by hand: what a
 * Swedish Excel opens as it is, where a CSV loses the leading zero of a municipality code ("0138"
 * becomes 138) and may read a band such as "1-3" as a date. Text is written as inline strings in a
 * text-formatted cell (never a formula, whatever it begins with), whole numbers as numbers,
 * booleans as booleans; the first row of each sheet is bold and stays in view.
 */
final class Spreadsheets {
  static final String MEDIA_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** A sheet: its name (at most 31 characters) and its rows, the first being the header. */
  record Sheet(String name, List<List<Object>> rows) {}

  private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String RELATIONSHIPS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String XML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

  /** Excel's limit for the text of one cell. */
  private static final int MAX_CELL = 32_767;

  private Spreadsheets() {}

  static byte[] workbook(List<Sheet> sheets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      StringBuilder types =
          new StringBuilder(XML)
              .append(
                  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
              .append("<Default Extension=\"rels\" ContentType=\"application/")
              .append("vnd.openxmlformats-package.relationships+xml\"/>")
              .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
              .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/")
              .append("vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
              .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/")
              .append("vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
      StringBuilder workbook =
          new StringBuilder(XML)
              .append("<workbook xmlns=\"")
              .append(MAIN)
              .append("\" xmlns:r=\"")
              .append(RELATIONSHIPS)
              .append("\"><sheets>");
      StringBuilder workbookRels =
          new StringBuilder(XML)
              .append("<Relationships xmlns=\"")
              .append("http://schemas.openxmlformats.org/package/2006/relationships\">");
      for (int i = 1; i <= sheets.size(); i++) {
        types
            .append("<Override PartName=\"/xl/worksheets/sheet")
            .append(i)
            .append(".xml\" ContentType=\"application/")
            .append("vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        workbook
            .append("<sheet name=\"")
            .append(escape(sheets.get(i - 1).name()))
            .append("\" sheetId=\"")
            .append(i)
            .append("\" r:id=\"rId")
            .append(i)
            .append("\"/>");
        workbookRels
            .append("<Relationship Id=\"rId")
            .append(i)
            .append("\" Type=\"")
            .append(RELATIONSHIPS)
            .append("/worksheet\" Target=\"worksheets/sheet")
            .append(i)
            .append(".xml\"/>");
      }
      workbookRels
          .append("<Relationship Id=\"rIdStyles\" Type=\"")
          .append(RELATIONSHIPS)
          .append("/styles\" Target=\"styles.xml\"/></Relationships>");
      put(zip, "[Content_Types].xml", types.append("</Types>").toString());
      put(
          zip,
          "_rels/.rels",
          XML
              + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\""
              + RELATIONSHIPS
              + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
      put(zip, "xl/workbook.xml", workbook.append("</sheets></workbook>").toString());
      put(zip, "xl/_rels/workbook.xml.rels", workbookRels.toString());
      put(zip, "xl/styles.xml", STYLES);
      for (int i = 1; i <= sheets.size(); i++) {
        put(zip, "xl/worksheets/sheet" + i + ".xml", sheet(sheets.get(i - 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Style 0 plain, 1 bold (the header), 2 text (so that an edited code stays text). */
  private static final String STYLES =
      XML
          + "<styleSheet xmlns=\""
          + MAIN
          + "\">"
          + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
          + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
          + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
          + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
          + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
          + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
          + "</cellStyleXfs>"
          + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
          + "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\""
          + " applyNumberFormat=\"1\"/>"
          + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
          + " applyNumberFormat=\"1\"/></cellXfs>"
          + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
          + "</cellStyles></styleSheet>";

  private static String sheet(Sheet sheet) {
    StringBuilder xml =
        new StringBuilder(XML)
            .append("<worksheet xmlns=\"")
            .append(MAIN)
            .append("\"><sheetViews><sheetView workbookViewId=\"0\">")
            .append(
                "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            .append("</sheetView></sheetViews><sheetData>");
    for (int r = 0; r < sheet.rows().size(); r++) {
      List<Object> row = sheet.rows().get(r);
      xml.append("<row r=\"").append(r + 1).append("\">");
      for (int c = 0; c < row.size(); c++) {
        cell(xml, column(c) + (r + 1), row.get(c), r == 0);
      }
      xml.append("</row>");
    }
    return xml.append("</sheetData></worksheet>").toString();
  }

  private static void cell(StringBuilder xml, String ref, Object value, boolean header) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      return;
    }
    xml.append("<c r=\"").append(ref).append('"');
    if (value instanceof Boolean b && !header) {
      xml.append(" t=\"b\"><v>").append(b ? 1 : 0).append("</v></c>");
    } else if ((value instanceof Integer || value instanceof Long) && !header) {
      xml.append("><v>").append(value).append("</v></c>");
    } else {
      String text = value.toString();
      if (text.length() > MAX_CELL) {
        int end = Character.isHighSurrogate(text.charAt(MAX_CELL - 1)) ? MAX_CELL - 1 : MAX_CELL;
        text = text.substring(0, end);
      }
      xml.append(" t=\"inlineStr\" s=\"")
          .append(header ? 1 : 2)
          .append("\"><is><t xml:space=\"preserve\">")
          .append(escape(text))
          .append("</t></is></c>");
    }
  }

  /** A, B, … Z, AA, AB, … for a zero-based column index. */
  static String column(int index) {
    StringBuilder name = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      name.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return name.toString();
  }

  /** XML text: the five escapes, and nothing XML 1.0 cannot carry. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                  boolean allowed =
                      cp == 0x9
                          || cp == 0xA
                          || cp == 0xD
                          || (cp >= 0x20 && cp <= 0xD7FF)
                          || (cp >= 0xE000 && cp <= 0xFFFD)
                          || cp >= 0x10000;
                  if (allowed) {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.toString();
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
