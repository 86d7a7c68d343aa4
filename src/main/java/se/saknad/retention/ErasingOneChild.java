package se.saknad.retention;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import se.saknad.alerts.ErasingAlertDetails;
import se.saknad.audit.AuditTrail;
import se.saknad.cases.ErasingCaseDetails;
import se.saknad.cases.ErasingCaseDetails.ErasedCase;
import se.saknad.children.ChildPhotos;
import se.saknad.children.ErasingChildRecords;
import se.saknad.debriefs.ErasingDebriefTexts;
import se.saknad.messaging.outbox.ErasingMessages;

/**
 * Erases one child, with every record merged into it, in one transaction, so that a child is never
 * left half erased. What identifies the child goes: names, aliases, the birth date (its year
 * stays), dossier number, description, languages, risk indicators, guardian, the history snapshots,
 * the guardian's phone as an alert audience key, photos, the SMS texts that named the child, exact
 * places (moved to a point inside the municipality) and every debrief text the child did not
 * consent to research use of. What research reads stays: gender, nationality, the age and home
 * municipality fixed at each report, municipalities, times, risk grade and the coded debrief
 * fields, so research rows and statistics are the same before and after.
 *
 * <p>Each feature erases its own tables. The one transaction is this method's: the child's row lock
 * is taken first and held to the end, and every part joins this transaction (the children's,
 * cases', alerts' and debriefs' parts refuse to run without one), so a failure in any part rolls
 * back all of them and the child stays due for the next run.
 */
@Singleton
class ErasingOneChild {
  private static final String JOB = "job:retention";

  private final ErasingChildRecords childRecords;
  private final ErasingCaseDetails caseDetails;
  private final ErasingAlertDetails alertDetails;
  private final ErasingDebriefTexts debriefTexts;
  private final ErasingMessages messages;
  private final ChildPhotos photos;
  private final se.saknad.concerns.ErasingConcernTexts concernTexts;
  private final AuditTrail audit;
  private final Clock clock;

  ErasingOneChild(
      ErasingChildRecords childRecords,
      ErasingCaseDetails caseDetails,
      ErasingAlertDetails alertDetails,
      ErasingDebriefTexts debriefTexts,
      ErasingMessages messages,
      ChildPhotos photos,
      se.saknad.concerns.ErasingConcernTexts concernTexts,
      AuditTrail audit,
      Clock clock) {
    this.concernTexts = concernTexts;
    this.childRecords = childRecords;
    this.caseDetails = caseDetails;
    this.alertDetails = alertDetails;
    this.debriefTexts = debriefTexts;
    this.messages = messages;
    this.photos = photos;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Erases {@code root} (a record not merged into another) and the records merged into it, when it
   * is still due at {@code cutoff} and no other instance is at it; returns whether it erased
   * anything.
   */
  @Transactional
  boolean erase(UUID root, Instant cutoff) {
    List<UUID> records = childRecords.lockForErasure(root, cutoff);
    if (records.isEmpty()) {
      return false;
    }
    childRecords.erase(records, clock.instant());
    // The cases of merged records were moved to the root: they are all its cases now.
    List<ErasedCase> cases = caseDetails.eraseCasesOf(root);
    alertDetails.eraseAlertsOf(cases);
    List<UUID> caseIds = cases.stream().map(ErasedCase::id).toList();
    // Texts, the guardian's phone and replies, here and at the provider.
    messages.eraseMessagesAbout(caseIds);
    debriefTexts.eraseTextsWithoutConsent(caseIds);
    // Concerns before the cases: their notes, and the SMS that told of them.
    messages.eraseMessagesAboutSubjects(concernTexts.eraseTextsOf(records));
    for (UUID record : records) {
      // Every version of every photo goes with the rest.
      photos.eraseAll(record);
      audit.record(null, "PERSONAL_DATA_ERASED", record, null, JOB);
    }
    return true;
  }
}
