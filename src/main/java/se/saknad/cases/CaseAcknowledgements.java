package se.saknad.cases;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import se.saknad.security.Caller;

/** Implemented by the SMS feature, which owns acknowledgements: shown on the case. */
public interface CaseAcknowledgements {
  /** Who has acknowledged the case's alerts, first acknowledgement per recipient and channel. */
  List<CaseApi.Acknowledgement> acknowledgements(UUID caseId);

  /** {@link #acknowledgements(UUID)} of many cases at once, by case id (none: no entry). */
  Map<UUID, List<CaseApi.Acknowledgement>> acknowledgements(Collection<UUID> caseIds);

  /** Whether the caller speaks for an alerted recipient of the case (may press "Kvittera"). */
  boolean mayAcknowledge(Caller caller, UUID caseId);

  /** The cases among {@code caseIds} the caller may acknowledge. */
  Set<UUID> mayAcknowledge(Caller caller, Collection<UUID> caseIds);
}
