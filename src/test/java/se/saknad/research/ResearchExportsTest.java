package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import se.saknad.support.ApiTest;
import se.saknad.support.Json;

/**
 * What a researcher downloads: the CSV as before (commas, the same columns) for scripts, a workbook
 * that Swedish Excel opens as it is (codes kept as text), and a code book that says what every
 * column and every code in the rows means.
 */
@MicronautTest(transactional = false)
class ResearchExportsTest extends ApiTest {
  /** Columns whose values are codes the code book must list (several split by ";"). */
  private static final Set<String> CODED =
      Set.of(
          "episodes",
          "ageBand",
          "gender",
          "regionOfOrigin",
          "countyCode",
          "riskLevel",
          "outcome",
          "interviewerRole",
          "language",
          "reasons",
          "whereabouts",
          "exploitationIndicators",
          "durationBand",
          "nationality",
          "municipalityCode");

  private String researcher;

  @BeforeAll
  void threeChildrenAlikeWithInterviews() {
    UUID home = aHome().at(TYRESO_CENTRUM).create();
    String staff = staffOf(home);
    researcher = aUser().researcher().create();
    for (int i = 0; i < 3; i++) {
      UUID child = aChild().inHome(home).named("Exporta", "Kodsson" + i).nationality("AF").create();
      OffsetDateTime seen =
          OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
      String kase = aReport().of(child).by(staff).lastSeen(seen).risk("HIGH").create().string("id");
      aReturn().of(kase).by(staff).at(seen.plusHours(30)).create();
      Map<String, Object> d = new HashMap<>();
      d.put("conductedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
      d.put("interviewerRole", "SOCIAL_WORKER");
      d.put("interviewerIndependent", true);
      d.put("interpreterUsed", true);
      d.put("language", "prs");
      d.put("consentToResearch", false);
      d.put("reasons", List.of("FEAR_OF_DEPORTATION", "TO_REACH_RELATIVES"));
      d.put("whereabouts", List.of("WITH_RELATIVES"));
      d.put("exploitationIndicators", List.of("NONE_OBSERVED"));
      as(staff).post("/api/v1/cases/" + kase + "/debrief", d);
    }
  }

  private HttpResponse<byte[]> download(String path, String token) {
    return http().exchange(HttpRequest.GET(path).bearerAuth(token), byte[].class);
  }

  private List<CSVRecord> csvRows() throws Exception {
    String csv =
        new String(
            download("/api/v1/research/debriefs.csv", researcher).body(), StandardCharsets.UTF_8);
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(csv))
        .getRecords();
  }

  @Test
  void theCsvKeepsItsShapeAndNamesItsCodeBook() throws Exception {
    HttpResponse<byte[]> answer = download("/api/v1/research/debriefs.csv", researcher);
    String csv = new String(answer.body(), StandardCharsets.UTF_8);
    assertTrue(
        csv.startsWith(String.join(",", ResearchRow.CSV_HEADER) + "\r\n"),
        "the scripts that read it expect the same header: " + csv.lines().findFirst());
    assertEquals(
        "</api/v1/research/debriefs/codebook>; rel=\"describedby\"", answer.header("Link"));
    assertTrue(csvRows().size() >= 3);
  }

  @Test
  void theCodeBookSaysWhatEveryColumnAndEveryCodeInTheRowsMeans() throws Exception {
    Json book = as(researcher).get("/api/v1/research/debriefs/codebook");
    assertEquals(ResearchRow.CSV_HEADER, book.strings("columns[*].name"));
    for (Json column : book.list("columns")) {
      assertTrue(
          !column.string("sv").isBlank() && !column.string("en").isBlank(), column.toString());
    }
    Map<String, Set<String>> listed = new LinkedHashMap<>();
    for (Json column : book.list("columns")) {
      listed.put(column.string("name"), Set.copyOf(column.strings("values[*].code")));
    }
    List<String> unexplained = new ArrayList<>();
    for (CSVRecord row : csvRows()) {
      for (String column : CODED) {
        String cell = row.get(column);
        if (cell.isEmpty()) {
          continue;
        }
        for (String code : cell.split(";")) {
          if (!listed.get(column).contains(code)) {
            unexplained.add(column + "=" + code);
          }
        }
      }
    }
    assertEquals(List.of(), unexplained.stream().distinct().toList());
    // the meaning, not only the code: a reason in Swedish, a place by its name
    assertTrue(
        book.strings("columns[?(@.name == 'reasons')].values[*].sv")
            .contains("Rädsla för utvisning"));
    // (which languages the published rows hold depends on every class's debriefs in the shared
    // database: each one listed is named in Swedish, not by its code)
    List<String> codes = book.strings("columns[?(@.name == 'language')].values[*].code");
    List<String> names = book.strings("columns[?(@.name == 'language')].values[*].sv");
    assertEquals(codes.size(), names.size(), book.toString());
    for (int i = 0; i < codes.size(); i++) {
      assertFalse(names.get(i).isBlank() || names.get(i).equals(codes.get(i)), book.toString());
      if (codes.get(i).equals("prs")) {
        assertTrue(names.get(i).equalsIgnoreCase("dari"), book.toString());
      }
    }
  }

  @Test
  void theWorkbookHasTheRowsWithCodesAsTextTheCodeBookAndTheProtection() throws Exception {
    HttpResponse<byte[]> answer = download("/api/v1/research/debriefs.xlsx", researcher);
    assertEquals(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        answer.getContentType().orElseThrow().toString());
    assertTrue(
        answer.header("Content-Disposition").contains("saknad-aterkomstsamtal.xlsx"),
        answer.header("Content-Disposition"));
    // kept for a look with a spreadsheet program
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
    java.nio.file.Files.write(
        java.nio.file.Path.of("target", "research-export.xlsx"), answer.body());
    Map<String, Document> parts = unzip(answer.body());
    for (String part :
        List.of(
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml")) {
      assertTrue(parts.containsKey(part), part + " in " + parts.keySet());
    }
    NodeList sheets = parts.get("xl/workbook.xml").getElementsByTagName("sheet");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < sheets.getLength(); i++) {
      names.add(((Element) sheets.item(i)).getAttribute("name"));
    }
    assertEquals(List.of("Återkomstsamtal", "Kodbok", "Om uttaget"), names);

    List<List<String>> data = cells(parts.get("xl/worksheets/sheet1.xml"));
    assertEquals(ResearchRow.CSV_HEADER, data.get(0));
    List<CSVRecord> csv = csvRows();
    assertEquals(csv.size(), data.size() - 1, "the same rows as the CSV");
    // Codes are text cells: a county "01" or a municipality "0138" keeps its zero, a band stays a
    // band, and no text is a formula.
    Document sheet = parts.get("xl/worksheets/sheet1.xml");
    assertEquals(0, sheet.getElementsByTagName("f").getLength(), "no formulas");
    int county = ResearchRow.CSV_HEADER.indexOf("countyCode");
    for (int r = 1; r < data.size(); r++) {
      String code = data.get(r).get(county);
      assertTrue(code.isEmpty() || code.equals("*") || code.matches("\\d{2}"), code);
    }
    String column = String.valueOf((char) ('A' + county % 26));
    column = county < 26 ? column : String.valueOf((char) ('A' + county / 26 - 1)) + column;
    NodeList cells = sheet.getElementsByTagName("c");
    for (int i = 0; i < cells.getLength(); i++) {
      Element c = (Element) cells.item(i);
      if (c.getAttribute("r").matches(column + "\\d+")) {
        assertEquals("inlineStr", c.getAttribute("t"), c.getAttribute("r"));
      }
    }
    List<List<String>> book = cells(parts.get("xl/worksheets/sheet2.xml"));
    assertEquals("Kolumn", book.get(0).get(0));
    for (String name : ResearchRow.CSV_HEADER) {
      assertTrue(book.stream().anyMatch(row -> row.get(0).equals(name)), name);
    }
    List<List<String>> about = cells(parts.get("xl/worksheets/sheet3.xml"));
    assertTrue(
        about.stream()
            .anyMatch(row -> row.get(0).equals("Undanhållna rader (gick inte att skydda)")));
  }

  @Test
  void onlyResearchersDownloadRowsAndTheirCodeBook() {
    String coordinator = aUser().coordinator().create();
    for (String path :
        List.of("/api/v1/research/debriefs.xlsx", "/api/v1/research/debriefs/codebook")) {
      HttpClientResponseException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              HttpClientResponseException.class, () -> download(path, coordinator));
      assertEquals(403, refused.getStatus().getCode(), path);
      HttpClientResponseException anonymous =
          org.junit.jupiter.api.Assertions.assertThrows(
              HttpClientResponseException.class,
              () -> http().exchange(HttpRequest.GET(path), byte[].class));
      assertEquals(401, anonymous.getStatus().getCode(), path);
    }
  }

  /** Every XML part of a zip, parsed (a part that is not well-formed fails here). */
  private static Map<String, Document> unzip(byte[] zip) throws Exception {
    Map<String, Document> parts = new LinkedHashMap<>();
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        parts.put(e.getName(), factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)));
      }
    }
    return parts;
  }

  /** A sheet's rows as text, each cell at its column (empty where the sheet has none). */
  private static List<List<String>> cells(Document sheet) {
    List<List<String>> rows = new ArrayList<>();
    NodeList rowNodes = sheet.getElementsByTagName("row");
    for (int r = 0; r < rowNodes.getLength(); r++) {
      List<String> row = new ArrayList<>();
      NodeList cs = ((Element) rowNodes.item(r)).getElementsByTagName("c");
      for (int i = 0; i < cs.getLength(); i++) {
        Element c = (Element) cs.item(i);
        int at = columnIndex(c.getAttribute("r").replaceAll("\\d", ""));
        while (row.size() < at) {
          row.add("");
        }
        String type = c.getAttribute("t");
        String value =
            type.equals("inlineStr")
                ? c.getElementsByTagName("t").item(0).getTextContent()
                : c.getElementsByTagName("v").item(0).getTextContent();
        row.add(type.equals("b") ? (value.equals("1") ? "true" : "false") : value);
      }
      rows.add(row);
    }
    int width = rows.isEmpty() ? 0 : rows.get(0).size();
    for (List<String> row : rows) {
      while (row.size() < width) {
        row.add("");
      }
    }
    return rows;
  }

  private static int columnIndex(String letters) {
    int n = 0;
    for (char ch : letters.toCharArray()) {
      n = n * 26 + (ch - 'A' + 1);
    }
    return n - 1;
  }
}
