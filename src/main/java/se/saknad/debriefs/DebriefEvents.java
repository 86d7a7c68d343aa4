package se.saknad.debriefs;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the transaction that records or corrects a debrief, so that listeners
 * (referrals) act atomically with it.
 */
public final class DebriefEvents {
  private DebriefEvents() {}

  /** The coded answers as now stored; free text never travels in an event. */
  public record DebriefRecorded(
      UUID caseId, List<String> whereabouts, List<String> exploitationIndicators) {}
}
