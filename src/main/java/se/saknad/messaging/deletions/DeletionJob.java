package se.saknad.messaging.deletions;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import se.saknad.common.Workers;

/** Runs the deletions at the provider as a supervised worker ({@link Workers}). */
@Singleton
class DeletionJob {
  private final Workers workers;
  private final ErasingAtTheProvider erasing;
  private final Duration initialDelay;
  private final Duration interval;

  DeletionJob(
      Workers workers,
      ErasingAtTheProvider erasing,
      @Value("${saknad.sms.erasure.initial-delay:20s}") Duration initialDelay,
      @Value("${saknad.sms.erasure.interval:30s}") Duration interval) {
    this.workers = workers;
    this.erasing = erasing;
    this.initialDelay = initialDelay;
    this.interval = interval;
  }

  @EventListener
  void start(StartupEvent started) {
    workers.every("provider-erasure", initialDelay, interval, erasing::scheduled);
  }
}
