package se.saknad.research;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpreadsheetSafeCsvTest {
  @Test
  void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
    for (String formula :
        new String[] {
          "=HYPERLINK(\"http://example.invalid\",\"Klicka\")",
          "+46 70 123",
          "-2+3",
          "@SUM(A1:A9)",
          "\t=1+1",
          "\r=1+1"
        }) {
      assertEquals("'" + formula, Research.inertInSpreadsheets(formula));
    }
  }

  @Test
  void otherTextNumbersAndEmptyCellsStayAsTheyAre() {
    assertEquals("Jag ville se havet", Research.inertInSpreadsheets("Jag ville se havet"));
    assertEquals("a=b", Research.inertInSpreadsheets("a=b"));
    assertEquals("", Research.inertInSpreadsheets(""));
    assertEquals(12.5, Research.inertInSpreadsheets(12.5));
    assertEquals(null, Research.inertInSpreadsheets(null));
  }
}
