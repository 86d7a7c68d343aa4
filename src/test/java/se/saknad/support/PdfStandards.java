package se.saknad.support;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.TreeSet;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * veraPDF's validator on a PDF: the rules of a profile that the document breaks, each once, as
 * "clause-test: description" (empty when it conforms).
 */
public final class PdfStandards {
  static {
    VeraGreenfieldFoundryProvider.initialise();
  }

  private PdfStandards() {}

  public static List<String> violations(byte[] pdf, PDFAFlavour flavour) {
    try (PDFAParser parser =
            Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
        PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
      ValidationResult result = validator.validate(parser);
      TreeSet<String> broken = new TreeSet<>();
      for (TestAssertion a : result.getTestAssertions()) {
        if (a.getStatus() == TestAssertion.Status.FAILED) {
          broken.add(
              a.getRuleId().getClause()
                  + "-"
                  + a.getRuleId().getTestNumber()
                  + ": "
                  + a.getMessage());
        }
      }
      if (broken.isEmpty() && !result.isCompliant()) {
        broken.add("not compliant, no failed assertion reported");
      }
      return List.copyOf(broken);
    } catch (Exception e) {
      throw new IllegalStateException("veraPDF could not check the document", e);
    }
  }
}
