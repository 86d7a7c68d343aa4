package se.saknad.recipients;

import jakarta.inject.Singleton;
import java.util.UUID;
import se.saknad.security.BindableRecords;

/** Police and social services users may be bound to a recipient they act for. */
@Singleton
class RecipientsAsBindings implements BindableRecords {
  private final Recipients recipients;

  RecipientsAsBindings(Recipients recipients) {
    this.recipients = recipients;
  }

  @Override
  public String field() {
    return "recipientId";
  }

  @Override
  public String noun() {
    return "recipient";
  }

  @Override
  public boolean exists(UUID id) {
    return recipients.exists(id);
  }
}
