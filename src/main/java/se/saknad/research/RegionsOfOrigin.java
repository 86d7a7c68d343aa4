package se.saknad.research;

import com.ibm.icu.util.Region;
import java.util.Set;

/**
 * A nationality generalised to a region of origin (UN M49, as Unicode CLDR holds it): the
 * sub-regions most children come from stay apart (Southern Asia, Western Asia, Northern Africa),
 * the rest of Africa is sub-Saharan Africa (202), and the other continents are one region each (142
 * Asia, 150 Europe, 019 the Americas, 009 Oceania); ZZ unknown.
 */
final class RegionsOfOrigin {
  static final String UNKNOWN = "ZZ";
  private static final Set<String> KEPT_SUB_REGIONS = Set.of("034", "145", "015");

  private RegionsOfOrigin() {}

  /** The continent (UN M49: 002 Africa, 142 Asia, 150 Europe, 019 the Americas, 009 Oceania). */
  static String continent(String nationality) {
    if (nationality == null || nationality.isBlank()) {
      return UNKNOWN;
    }
    try {
      Region continent =
          Region.getInstance(nationality.trim()).getContainingRegion(Region.RegionType.CONTINENT);
      return continent == null ? UNKNOWN : continent.toString();
    } catch (IllegalArgumentException unknown) {
      return UNKNOWN;
    }
  }

  static String of(String nationality) {
    if (nationality == null || nationality.isBlank()) {
      return UNKNOWN;
    }
    try {
      Region country = Region.getInstance(nationality.trim());
      Region sub = country.getContainingRegion();
      Region continent = country.getContainingRegion(Region.RegionType.CONTINENT);
      if (sub != null && KEPT_SUB_REGIONS.contains(sub.toString())) {
        return sub.toString();
      }
      if (continent == null) {
        return UNKNOWN;
      }
      return continent.toString().equals("002") ? "202" : continent.toString();
    } catch (IllegalArgumentException unknown) {
      return UNKNOWN;
    }
  }
}
