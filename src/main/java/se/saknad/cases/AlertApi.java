package se.saknad.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How alerts and deliveries are shown on a case. The alerts feature fills them in (it implements
 * {@link CaseAlerts}), so the case view is typed without cases depending on alerts.
 */
public final class AlertApi {
  private AlertApi() {}

  @Serdeable
  public record AlertedRecipient(@Nullable UUID id, String name, String kind) {}

  @Serdeable
  public record FirstAlert(UUID id, List<AlertedRecipient> recipients) {}

  /**
   * {@code phone} only for coordinators and administrators; null (left out) for others. {@code
   * channel} SMS, or VOICE for an escalation call.
   */
  @Serdeable
  public record DeliveryView(
      UUID id,
      @Nullable UUID recipientId,
      String recipientName,
      String recipientKind,
      @Nullable String phone,
      String status,
      int attempts,
      @Nullable String errorCode,
      @Nullable Instant acknowledgedAt,
      String channel) {}

  @Serdeable
  public record AlertView(
      UUID id,
      int sequence,
      String msgType,
      String reason,
      Instant createdAt,
      long radiusMeters,
      List<DeliveryView> deliveries) {}
}
