package se.saknad.support;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A child registered in a home, with the made-up profile of {@link ApiTest#profile} unless told
 * otherwise: {@code aChild().inHome(home).aged(15).create()}. The child is registered by the staff
 * of the home (one staff user per home and test class) unless {@link #by} says who.
 */
public final class ChildBuilder {
  private final ApiTest api;
  private final Map<String, Object> profile;
  private String token;

  ChildBuilder(ApiTest api) {
    this.api = api;
    this.profile = ApiTest.profile(null, "Karim", "Nazari");
  }

  public ChildBuilder inHome(UUID home) {
    profile.put("homeId", home);
    return this;
  }

  public ChildBuilder named(String given, String family) {
    profile.put("givenName", given);
    profile.put("familyName", family);
    return this;
  }

  /** Born {@code years} years and a half ago. */
  public ChildBuilder aged(int years) {
    return bornOn(LocalDate.now(ZoneOffset.UTC).minusYears(years).minusMonths(6));
  }

  public ChildBuilder bornOn(LocalDate date) {
    profile.put("dateOfBirth", date.toString());
    return this;
  }

  public ChildBuilder gender(String gender) {
    profile.put("gender", gender);
    return this;
  }

  public ChildBuilder nationality(String country) {
    profile.put("nationality", country);
    return this;
  }

  public ChildBuilder riskIndicators(String... indicators) {
    profile.put("riskIndicators", List.of(indicators));
    return this;
  }

  public ChildBuilder dossier(String number) {
    profile.put("dossierNumber", number);
    return this;
  }

  /** A dossier number of its own, as the Migration Agency gives every child one. */
  public ChildBuilder withDossier() {
    return dossier("UM-" + UUID.randomUUID().toString().substring(0, 8));
  }

  public ChildBuilder responsibleMunicipality(String code) {
    profile.put("responsibleMunicipalityCode", code);
    return this;
  }

  /** Any other field of the profile; {@code null} leaves it out. */
  public ChildBuilder with(String field, Object value) {
    if (value == null) {
      profile.remove(field);
    } else {
      profile.put(field, value);
    }
    return this;
  }

  public ChildBuilder by(String token) {
    this.token = token;
    return this;
  }

  public UUID create() {
    UUID home = (UUID) profile.get("homeId");
    if (home == null) {
      throw new IllegalStateException("a child lives in a home: inHome(...)");
    }
    return api.newChild(token == null ? api.staffOf(home) : token, profile);
  }
}
