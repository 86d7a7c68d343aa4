package se.saknad.homes;

import jakarta.inject.Singleton;
import java.util.UUID;
import se.saknad.security.BindableRecords;

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
}
