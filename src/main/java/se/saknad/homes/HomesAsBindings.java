package se.saknad.homes;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import se.saknad.security.BindableRecords;
import se.saknad.security.Role;

/** HVB staff are bound to a home. */
@Singleton
class HomesAsBindings implements BindableRecords {
  private final Homes homes;

  HomesAsBindings(Homes homes) {
    this.homes = homes;
  }

  @Override
  public String field() {
    return "homeId";
  }

  @Override
  public String noun() {
    return "home";
  }

  @Override
  public boolean exists(UUID id) {
    return homes.find(id).isPresent();
  }

  @Override
  public Optional<String> misfit(UUID id, Role role, String municipalityCode, String policeRegion) {
    return role == Role.HVB_STAFF
        ? Optional.empty()
        : Optional.of("only HVB staff belong to a home");
  }
}
