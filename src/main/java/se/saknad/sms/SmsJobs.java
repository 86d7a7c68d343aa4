package se.saknad.sms;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import se.saknad.common.Workers;

/**
 * The sms feature's periodic jobs, each a supervised worker ({@link Workers}): escalation of
 * unacknowledged deliveries, the calls that follow it, and the deletions at the provider.
 */
@Singleton
class SmsJobs {
  private final Workers workers;
  private final EscalatingUnacknowledged escalation;
  private final VoiceEscalation voice;
  private final ErasingAtTheProvider erasing;
  private final Duration escalationDelay;
  private final Duration escalationInterval;
  private final Duration erasureDelay;
  private final Duration erasureInterval;

  SmsJobs(
      Workers workers,
      EscalatingUnacknowledged escalation,
      VoiceEscalation voice,
      ErasingAtTheProvider erasing,
      @Value("${saknad.sms.escalation-initial-delay:10s}") Duration escalationDelay,
      @Value("${saknad.sms.escalation-interval:30s}") Duration escalationInterval,
      @Value("${saknad.sms.erasure.initial-delay:20s}") Duration erasureDelay,
      @Value("${saknad.sms.erasure.interval:30s}") Duration erasureInterval) {
    this.workers = workers;
    this.escalation = escalation;
    this.voice = voice;
    this.erasing = erasing;
    this.escalationDelay = escalationDelay;
    this.escalationInterval = escalationInterval;
    this.erasureDelay = erasureDelay;
    this.erasureInterval = erasureInterval;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("sms-escalation", escalationDelay, escalationInterval, escalation::scheduled);
    workers.every("voice-escalation", escalationDelay, escalationInterval, voice::scheduled);
    workers.every("provider-erasure", erasureDelay, erasureInterval, erasing::scheduled);
  }
}
