package se.saknad.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A recipient of alerts, registered by the admin unless {@link #by} says who: {@code
 * aRecipient().police().covering("0138").phone("+46701112233").create()}.
 */
public final class RecipientBuilder {
  private final ApiTest api;
  private final Map<String, Object> body = new HashMap<>();
  private final List<Map<String, Object>> contacts = new ArrayList<>();
  private String token;

  RecipientBuilder(ApiTest api) {
    this.api = api;
    body.put("name", "Mottagare " + UUID.randomUUID().toString().substring(0, 8));
    body.put("kind", "SHELTER");
    body.put("contacts", contacts);
  }

  public RecipientBuilder kind(String kind) {
    body.put("kind", kind);
    return this;
  }

  public RecipientBuilder police() {
    return kind("POLICE");
  }

  public RecipientBuilder socialServices() {
    return kind("SOCIAL_SERVICES");
  }

  public RecipientBuilder shelter() {
    return kind("SHELTER");
  }

  public RecipientBuilder traffickingCoordinator() {
    return kind("TRAFFICKING_COORDINATOR");
  }

  public RecipientBuilder named(String name) {
    body.put("name", name);
    return this;
  }

  /** The municipalities (codes such as {@code 0138}) the recipient covers. */
  public RecipientBuilder covering(String... municipalityCodes) {
    return coverage(Map.of("municipalityCodes", List.of(municipalityCodes)));
  }

  public RecipientBuilder coveringCounties(String... countyCodes) {
    return coverage(Map.of("countyCodes", List.of(countyCodes)));
  }

  public RecipientBuilder coveringRegion(String policeRegion) {
    return coverage(Map.of("policeRegion", policeRegion));
  }

  public RecipientBuilder coveringCircle(Map<String, Object> center, long radiusMeters) {
    return coverage(Map.of("center", center, "radiusMeters", radiusMeters));
  }

  public RecipientBuilder coverage(Map<String, Object> coverage) {
    body.put("coverage", coverage);
    return this;
  }

  /** A contact phone (named "Jour"); several calls add several contacts in order. */
  public RecipientBuilder phone(String phone) {
    return contact("Jour", phone);
  }

  public RecipientBuilder contact(String name, String phone) {
    contacts.add(Map.of("name", name, "phone", phone));
    return this;
  }

  public RecipientBuilder escalateAfterMinutes(int minutes) {
    body.put("escalateAfterMinutes", minutes);
    return this;
  }

  /** Minutes after the last SMS escalation step before the contacts are called; null: never. */
  public RecipientBuilder voiceAfterMinutes(Integer minutes) {
    body.put("voiceAfterMinutes", minutes);
    return this;
  }

  public RecipientBuilder acknowledgementRequired(boolean required) {
    body.put("acknowledgementRequired", required);
    return this;
  }

  public RecipientBuilder by(String token) {
    this.token = token;
    return this;
  }

  public UUID create() {
    if (!body.containsKey("coverage")) {
      throw new IllegalStateException("a recipient needs a coverage");
    }
    if (contacts.isEmpty()) {
      phone(
          "+4670" + String.format("%07d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000_000)));
    }
    return api.as(token == null ? api.adminToken() : token).post("/api/v1/recipients", body).id();
  }
}
