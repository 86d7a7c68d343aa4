package se.saknad.support;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.TypeRef;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An answer of the service read by JsonPath, each value as the type the test expects. A path is
 * JsonPath ({@code alerts[0].recipient.name}, {@code items[?(@.kind == 'POLICE')].id}); the leading
 * {@code $.} may be left out. A missing leaf reads as {@code null}, as the service leaves absent
 * values out of its answers; a missing object on the way there fails.
 */
public final class Json {
  private static final Configuration CONFIGURATION =
      Configuration.builder()
          .jsonProvider(new JacksonJsonProvider())
          .mappingProvider(new JacksonMappingProvider())
          .options(Option.DEFAULT_PATH_LEAF_TO_NULL)
          .build();
  private static final Configuration STRICT = CONFIGURATION.setOptions();

  private final DocumentContext document;

  private Json(DocumentContext document) {
    this.document = document;
  }

  public static Json parse(String text) {
    return new Json(JsonPath.using(CONFIGURATION).parse(text));
  }

  /** A YAML document of the project's own (the alert rules), read the same way. */
  public static Json parseYaml(String text) {
    return of(new org.yaml.snakeyaml.Yaml().load(text));
  }

  private static Json of(Object tree) {
    return new Json(JsonPath.using(CONFIGURATION).parse(tree));
  }

  private static String path(String path) {
    if (path.startsWith("$")) {
      return path;
    }
    return path.startsWith("[") ? "$" + path : "$." + path;
  }

  /** The value at {@code path} converted to {@code type} (String, Integer, Long, Double, ...). */
  public <T> T read(String path, Class<T> type) {
    return document.read(path(path), type);
  }

  public String string(String path) {
    return read(path, String.class);
  }

  public int integer(String path) {
    return read(path, Integer.class);
  }

  public long number(String path) {
    return read(path, Long.class);
  }

  public double decimal(String path) {
    return read(path, Double.class);
  }

  public boolean flag(String path) {
    return read(path, Boolean.class);
  }

  public UUID uuid(String path) {
    String value = string(path);
    return value == null ? null : UUID.fromString(value);
  }

  /** The {@code id} of a created or read record. */
  public UUID id() {
    return uuid("id");
  }

  /** The object or array at {@code path}, to read further. */
  public Json at(String path) {
    Object tree = document.read(path(path));
    if (tree == null) {
      throw new AssertionError("nothing at " + path + " in " + this);
    }
    return of(tree);
  }

  /** The elements of the array at {@code path}, or the results of a filter or wildcard path. */
  public List<Json> list(String path) {
    List<Object> elements = document.read(path(path), new TypeRef<List<Object>>() {});
    return elements.stream().map(Json::of).toList();
  }

  /** The elements of this answer, when it is an array. */
  public List<Json> list() {
    return list("$");
  }

  /** The array (or wildcard results) at {@code path} as values of {@code type}. */
  public <T> List<T> list(String path, Class<T> type) {
    List<Object> values = document.read(path(path), new TypeRef<List<Object>>() {});
    return values.stream()
        .map(v -> v == null ? null : CONFIGURATION.mappingProvider().map(v, type, CONFIGURATION))
        .toList();
  }

  public List<String> strings(String path) {
    return list(path, String.class);
  }

  public List<UUID> uuids(String path) {
    return strings(path).stream().map(v -> v == null ? null : UUID.fromString(v)).toList();
  }

  /** The number of elements of the array (or keys of the object) at {@code path}. */
  public int size(String path) {
    Object value = document.read(path(path));
    if (value instanceof List<?> l) {
      return l.size();
    }
    if (value instanceof Map<?, ?> m) {
      return m.size();
    }
    throw new AssertionError("neither array nor object at " + path + " in " + this);
  }

  /** The number of elements of this answer, when it is an array. */
  public int size() {
    return size("$");
  }

  /** Whether the answer has {@code path} at all (a {@code null} value counts as present). */
  public boolean has(String path) {
    try {
      JsonPath.using(STRICT).parse((Object) document.json()).read(path(path));
      return true;
    } catch (PathNotFoundException e) {
      return false;
    }
  }

  /** The names of the object's fields at {@code path}. */
  public java.util.Set<String> keys(String path) {
    return document.read(path(path), new TypeRef<Map<String, Object>>() {}).keySet();
  }

  public java.util.Set<String> keys() {
    return keys("$");
  }

  /**
   * The object at {@code path} as plain values, for comparing a whole structure with {@link Map#of}
   * in one assertion.
   */
  public Map<String, Object> object(String path) {
    return document.read(path(path), new TypeRef<Map<String, Object>>() {});
  }

  public Map<String, Object> object() {
    return object("$");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Json j && document.json().equals(j.document.json());
  }

  @Override
  public int hashCode() {
    return document.json().hashCode();
  }

  /** The JSON text, for messages of failed assertions. */
  @Override
  public String toString() {
    return document.jsonString();
  }
}
