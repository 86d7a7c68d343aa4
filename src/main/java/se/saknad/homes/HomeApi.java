package se.saknad.homes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import se.saknad.geo.GeoPoint;

public final class HomeApi {
  private HomeApi() {}

  @Serdeable
  public record NewHome(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 300) String address,
      @NotNull @Valid GeoPoint location,
      @Nullable @Size(max = 40) String phone) {}

  @Serdeable
  public record HomeView(
      UUID id,
      String name,
      String address,
      GeoPoint location,
      String municipalityCode,
      String municipalityName,
      Instant createdAt,
      @Nullable String phone,
      @Nullable java.time.LocalDate closedOn) {}
}
