package se.saknad.recipients;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import se.saknad.security.BindableRecords;
import se.saknad.security.Role;

/**
 * Police and social services users may be bound to a recipient they act for (its alerts are theirs
 * to read and acknowledge on the web), and only to one that is theirs: police to a police desk of
 * their own region, social services to their municipality's social services or to the coordinator
 * against trafficking of their region.
 */
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

  @Override
  public Optional<String> misfit(UUID id, Role role, String municipalityCode, String policeRegion) {
    return recipients.misfitFor(id, role, municipalityCode, policeRegion);
  }
}
