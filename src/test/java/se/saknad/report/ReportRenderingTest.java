package se.saknad.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import se.saknad.support.PdfStandards;

/** The layout and the PDF on their own, without a database. */
class ReportRenderingTest {
  static ReportData sample() {
    List<KaplanMeier.Observation> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(new KaplanMeier.Observation(2 + i * 7.5, i % 9 != 0));
    }
    KaplanMeier.Curve curve = RoundedSurvival.curve(all, 40, RoundedSurvival.DEFAULT_WIDTH);
    return new ReportData(
        LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 6, 30),
        "Varje antal avrundas till en multipel av 5.",
        40,
        25,
        Map.of("16-17", 25L, "13-15", 15L),
        Map.of("MALE", 30L, "FEMALE", 10L),
        Map.of("1", 15L, "2", 5L, "3+", 5L),
        50.0,
        80.0,
        10.0,
        35,
        30,
        60.0,
        Map.of("FEAR_OF_DEPORTATION", 10L, "TO_REACH_RELATIVES", 5L),
        Map.of("WITH_UNKNOWN_ADULTS", 5L),
        Map.of(),
        5,
        Map.of("WITH_UNKNOWN_ADULTS", 5L),
        Map.of("NOT_SUBSTANTIATED", 5L),
        20,
        Map.of("CONTACT_WITH_UNKNOWN_ADULTS", 10L, "MISSES_SCHOOL", 15L),
        75.0,
        5,
        List.of(
            new ReportData.SurvivalGroup(
                "all",
                "Alla barn",
                40,
                RoundedSurvival.DEFAULT_WIDTH,
                RoundedSurvival.MINIMUM_COUNT,
                curve)),
        List.of("Jag ville träffa min bror & <hans> familj."));
  }

  @Test
  void theSameDataGiveTheSameBytesWithTheFontsEmbedded() throws Exception {
    String html = ReportDocument.html(sample());
    Instant dated = Instant.parse("2026-06-30T22:00:00Z");
    long t0 = System.nanoTime();
    byte[] first = se.saknad.pdf.AccessiblePdf.render(html, "Rapport", dated, new byte[16]);
    long t1 = System.nanoTime();
    byte[] second = se.saknad.pdf.AccessiblePdf.render(html, "Rapport", dated, new byte[16]);
    long t2 = System.nanoTime();
    System.out.println(
        "TIMING first " + (t1 - t0) / 1_000_000 + " ms, second " + (t2 - t1) / 1_000_000 + " ms");
    assertArrayEquals(first, second);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/report-sample.pdf"), first);
    try (PDDocument pdf = Loader.loadPDF(first)) {
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.contains("Jag ville träffa min bror & <hans> familj."), text);
      assertTrue(text.contains("1 januari 2026 – 30 juni 2026"), text);
      // The concerns before a disappearance: the total, the share assessed in time, the repeat
      // children and the signs by their Swedish names.
      String flat = text.replaceAll("[ \\u00a0\\s]+", " ");
      assertTrue(flat.contains("Oro före försvinnanden"), flat);
      assertTrue(flat.contains("Orosanmälningar 20"), flat);
      assertTrue(flat.contains("Skyddsbedömda i tid, andel av orosanmälningarna 75,0 %"), flat);
      assertTrue(flat.contains("Barn som försvann upprepade gånger 5"), flat);
      assertTrue(flat.contains("Kontakt med okända vuxna 10"), flat);
      assertTrue(flat.contains("Uteblir från skolan 15"), flat);
      for (var page : pdf.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertTrue(font.isEmbedded(), font.getName());
          assertTrue(font.getName().contains("LiberationSans"), font.getName());
        }
      }
    }
  }

  @Test
  void theReportIsAccessiblePdfUaAndArchivablePdfA() throws Exception {
    byte[] pdf =
        se.saknad.pdf.AccessiblePdf.render(
            ReportDocument.html(sample()),
            "Rapport",
            Instant.parse("2026-06-30T22:00:00Z"),
            new byte[16]);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/report-pdfua.pdf"), pdf);
    assertEquals(List.of(), PdfStandards.violations(pdf, PDFAFlavour.PDFUA_1));
    assertEquals(List.of(), PdfStandards.violations(pdf, PDFAFlavour.PDFA_2_A));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      // what pdfinfo reports as "Tagged: yes"
      assertTrue(document.getDocumentCatalog().getMarkInfo().isMarked());
      assertEquals("sv-SE", document.getDocumentCatalog().getLanguage());
      assertEquals("Rapport", document.getDocumentInformation().getTitle());
      String text = new PDFTextStripper().getText(document);
      assertTrue(text.contains("Alla barn"), text);
    }
  }
}
