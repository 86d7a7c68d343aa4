package se.saknad.cases;

import java.util.List;
import java.util.UUID;
import se.saknad.security.Caller;

/** Implemented by the SMS feature, which owns acknowledgements: shown on the case. */
public interface CaseAcknowledgements {
  /** Who has acknowledged the case's alerts, first acknowledgement per recipient and channel. */
  List<CaseApi.Acknowledgement> acknowledgements(UUID caseId);

  /** Whether the caller speaks for an alerted recipient of the case (may press "Kvittera"). */
  boolean mayAcknowledge(Caller caller, UUID caseId);
}
