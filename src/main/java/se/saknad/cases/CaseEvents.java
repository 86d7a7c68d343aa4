package se.saknad.cases;

import java.util.UUID;

/**
 * Published inside the transaction that changes a case, so that listeners (alerting) add their rows
 * atomically with the change.
 */
public final class CaseEvents {
  private CaseEvents() {}

  public record CaseOpened(UUID caseId) {}

  public record SightingAdded(UUID caseId, UUID sightingId) {}

  public record ChildReturned(UUID caseId) {}

  /** The report was sent by mistake: everyone told hears that it is withdrawn. */
  public record ReportWithdrawn(UUID caseId) {}
}
