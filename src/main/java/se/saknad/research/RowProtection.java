package se.saknad.research;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * How the research rows were protected, published with them: k, the homogeneity rule, the share of
 * rows that may be withheld, the level chosen for each quasi-identifier, how many rows were
 * published and withheld, the information loss, and which fields are quasi-identifiers and which
 * sensitive.
 */
@Serdeable
public record RowProtection(
    int k,
    String diversity,
    double suppressionLimit,
    Map<String, String> generalisation,
    int rowsPublished,
    int rowsWithheld,
    double informationLoss,
    List<String> quasiIdentifiers,
    List<String> sensitive,
    String note) {

  static RowProtection of(
      Map<String, String> generalisation, int published, int withheld, double loss) {
    return new RowProtection(
        KAnonymity.K,
        "No class in which every child shares a reason, whereabouts or sign of exploitation"
            + " (other than NONE_OBSERVED or DECLINED_TO_SAY).",
        KAnonymity.SUPPRESSION_LIMIT,
        generalisation,
        published,
        withheld,
        Math.round(loss * 1000) / 1000.0,
        fields(ResearchRow.Kind.QUASI_IDENTIFIER),
        fields(ResearchRow.Kind.SENSITIVE),
        "Every row shares all its published quasi-identifiers with at least "
            + (KAnonymity.K - 1)
            + " other children. The levels were chosen for the least information loss"
            + " (global recoding, the same for every row); rows of classes still unsafe are"
            + " withheld, at most "
            + Math.round(KAnonymity.SUPPRESSION_LIMIT * 100)
            + " % of them.");
  }

  private static List<String> fields(ResearchRow.Kind kind) {
    return ResearchRow.CSV_HEADER.stream().filter(f -> ResearchRow.FIELDS.get(f) == kind).toList();
  }
}
