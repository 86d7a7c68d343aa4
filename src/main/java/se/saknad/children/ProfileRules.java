package se.saknad.children;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.saknad.children.ChildApi.ChildProfile;
import se.saknad.common.PhoneNumbers;
import se.saknad.common.ProblemException;
import se.saknad.common.Sweden;
import se.saknad.geo.ReferenceGeography;
import se.saknad.homes.Homes;

/**
 * What a profile must be before it is stored, beyond the shape its annotations check: a known home
 * and municipality, a plausible birth, ISO codes, a phone that can be called. Each broken rule is a
 * 422 naming the field.
 */
@Singleton
class ProfileRules {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Set<String> LANGUAGES_2 = Set.of(Locale.getISOLanguages());

  private final Homes homes;
  private final ReferenceGeography geography;
  private final Clock clock;

  ProfileRules(Homes homes, ReferenceGeography geography, Clock clock) {
    this.homes = homes;
    this.geography = geography;
    this.clock = clock;
  }

  void validate(ChildProfile p) {
    if (homes.find(p.homeId()).isEmpty()) {
      throw ProblemException.invalid("homeId", "unknown home");
    }
    if (p.dateOfBirth() == null && p.estimatedBirthYear() == null) {
      throw ProblemException.invalid(
          "dateOfBirth", "give the date of birth or the estimated birth year");
    }
    LocalDate today = Sweden.today(clock);
    if (p.dateOfBirth() != null
        && (p.dateOfBirth().isAfter(today) || p.dateOfBirth().isBefore(today.minusYears(30)))) {
      throw ProblemException.invalid("dateOfBirth", "not a plausible date of birth");
    }
    if (p.estimatedBirthYear() != null && p.estimatedBirthYear() > today.getYear()) {
      throw ProblemException.invalid("estimatedBirthYear", "lies in the future");
    }
    if (!COUNTRIES.contains(p.nationality())) {
      throw ProblemException.invalid("nationality", "not an ISO 3166-1 alpha-2 country code");
    }
    for (String language : p.languages() == null ? List.<String>of() : p.languages()) {
      if (language.length() == 2 && !LANGUAGES_2.contains(language)) {
        throw ProblemException.invalid("languages", "not an ISO 639 language code");
      }
    }
    if (p.guardian() != null) {
      PhoneNumbers.requireE164(p.guardian().phone(), "guardian.phone");
    }
    if (!geography.municipalityExists(p.responsibleMunicipalityCode())) {
      throw ProblemException.invalid("responsibleMunicipalityCode", "unknown municipality code");
    }
  }
}
