package se.saknad.alerts;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Collection;
import se.saknad.cases.ErasingCaseDetails.ErasedCase;
import se.saknad.common.Db;

/**
 * The alerts' part of erasing a child's personal data: an alert's centre was where the child was
 * last seen, and the guardian was an audience of the case under their phone number. Joins the
 * caller's transaction and refuses to run without one (MANDATORY), so that the alerts are erased
 * together with the rest of the child's data or not at all.
 */
@Singleton
public class ErasingAlertDetails {
  private final Db db;

  ErasingAlertDetails(Db db) {
    this.db = db;
  }

  /**
   * Moves the centre of every alert of these cases to the case's erased search centre and replaces
   * the guardian's audience key with one that names nobody.
   */
  @Transactional(TxType.MANDATORY)
  public void eraseAlertsOf(Collection<ErasedCase> cases) {
    if (cases.isEmpty()) {
      return;
    }
    db.batch(
        "UPDATE alert SET center = ST_GeogFromText(?) WHERE case_id = ?",
        cases.stream().map(c -> new Object[] {c.searchCentre(), c.id()}).toList());
    db.update(
        """
        UPDATE case_audience SET audience_key = 'erased:' || gen_random_uuid()
        WHERE recipient_id IS NULL AND case_id = ANY(?::uuid[])
        """,
        cases.stream().map(ErasedCase::id).toList());
  }
}
