package se.saknad.escalation;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import se.saknad.common.Workers;

/**
 * The escalation's periodic jobs, each a supervised worker ({@link Workers}): unacknowledged
 * deliveries and the calls that follow them.
 */
@Singleton
class EscalationJobs {
  private final Workers workers;
  private final EscalatingUnacknowledged escalation;
  private final VoiceEscalation voice;
  private final Duration escalationDelay;
  private final Duration escalationInterval;

  EscalationJobs(
      Workers workers,
      EscalatingUnacknowledged escalation,
      VoiceEscalation voice,
      @Value("${saknad.sms.escalation-initial-delay:10s}") Duration escalationDelay,
      @Value("${saknad.sms.escalation-interval:30s}") Duration escalationInterval) {
    this.workers = workers;
    this.escalation = escalation;
    this.voice = voice;
    this.escalationDelay = escalationDelay;
    this.escalationInterval = escalationInterval;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("sms-escalation", escalationDelay, escalationInterval, escalation::scheduled);
    workers.every("voice-escalation", escalationDelay, escalationInterval, voice::scheduled);
  }
}
