package se.saknad.cases;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Implemented by alerting: what has been sent about a case, shown on the case. */
public interface CaseAlerts {
  /** The first alert of the case, as answered to the report. */
  AlertApi.FirstAlert firstAlert(UUID caseId);

  /** Every alert with its deliveries; phone numbers only when {@code withPhones}. */
  List<AlertApi.AlertView> alerts(UUID caseId, boolean withPhones);

  /** {@link #alerts(UUID, boolean)} of many cases at once, by case id (none: no entry). */
  Map<UUID, List<AlertApi.AlertView>> alerts(Collection<UUID> caseIds, boolean withPhones);
}
