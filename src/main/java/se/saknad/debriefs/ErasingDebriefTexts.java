package se.saknad.debriefs;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Collection;
import java.util.UUID;
import se.saknad.common.Db;

/**
 * The debriefs' part of erasing a child's personal data: free text the child did not consent to
 * research use of goes, judged per version (a later version with consent does not keep an earlier
 * one's words); the coded fields stay. Joins the caller's transaction and refuses to run without
 * one (MANDATORY), so that the texts are erased together with the rest of the child's data or not
 * at all.
 */
@Singleton
public class ErasingDebriefTexts {
  private final Db db;

  ErasingDebriefTexts(Db db) {
    this.db = db;
  }

  /** Blanks the free text of the debriefs of these cases, and of each version, without consent. */
  @Transactional(TxType.MANDATORY)
  public void eraseTextsWithoutConsent(Collection<UUID> caseIds) {
    if (caseIds.isEmpty()) {
      return;
    }
    db.update(
        """
        UPDATE debrief SET reasons_text = '', child_statement = '', not_held_reason = NULL
        WHERE NOT consent_to_research AND case_id = ANY(?::uuid[])
        """,
        caseIds);
    db.update(
        """
        UPDATE debrief_version v SET content = v.content || jsonb_build_object(
            'reasonsText', '', 'childStatement', '', 'notHeldReason', NULL)
        WHERE NOT v.consent_to_research AND v.case_id = ANY(?::uuid[])
        """,
        caseIds);
  }
}
