package se.saknad.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A care home registered by the admin: {@code aHome().at(MALMO).create()}. */
public final class HomeBuilder {
  private final ApiTest api;
  private final Map<String, Object> body = new HashMap<>();

  HomeBuilder(ApiTest api) {
    this.api = api;
    body.put("name", "HVB " + UUID.randomUUID());
    body.put("address", "Storgatan 1");
    body.put("location", ApiTest.TYRESO_CENTRUM);
  }

  public HomeBuilder at(Map<String, Object> location) {
    body.put("location", location);
    return this;
  }

  public HomeBuilder named(String name) {
    body.put("name", name);
    return this;
  }

  public HomeBuilder with(String field, Object value) {
    body.put(field, value);
    return this;
  }

  public UUID create() {
    return api.as(api.adminToken()).post("/api/v1/homes", body).id();
  }
}
