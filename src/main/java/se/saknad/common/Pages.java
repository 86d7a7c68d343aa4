package se.saknad.common;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Lists that grow with the registry answer a page at a time. The body stays a JSON array; when more
 * follows, a {@code Link} header with {@code rel="next"} names the next page, whose {@code after}
 * token is where this page ended in the list's order ({@link PageTokens}: signed, and holding no
 * name). Clients hand the token back unchanged.
 */
public final class Pages {
  /** At most this many items a page when the caller names no limit. */
  public static final int DEFAULT = 200;

  /** The largest page: thousands of records in one answer would not fit the heap. */
  public static final int MAX = 500;

  private Pages() {}

  /**
   * The page size asked for, or the default; a 400 naming {@code limit} outside 1..{@link #MAX}.
   */
  public static int size(Integer limit) {
    int size = limit == null ? DEFAULT : limit;
    if (size < 1 || size > MAX) {
      throw ProblemException.badRequest("limit", "must be between 1 and " + MAX);
    }
    return size;
  }

  /** A page of a list: its items, the token of the next page (null on the last) and its size. */
  public record Page<T>(List<T> items, String next, int size) {
    /** The same page with its items turned into what the answer shows. */
    public <R> Page<R> with(List<R> shown) {
      return new Page<>(shown, next, size);
    }
  }

  /**
   * The page among {@code rows}, which were read with one row more than {@code size}: that row
   * tells whether another page follows, and the page's last row is where it starts.
   */
  public static <T> Page<T> cut(List<T> rows, int size, Function<T, String> tokenOf) {
    if (rows.size() <= size) {
      return new Page<>(rows, null, size);
    }
    List<T> page = rows.subList(0, size);
    return new Page<>(page, tokenOf.apply(page.get(size - 1)), size);
  }

  /**
   * The answer: the page as a JSON array, and a link to the next page when there is one. {@code
   * query} holds the list's own parameters (name, value, …; null values are left out).
   */
  public static <T> MutableHttpResponse<List<T>> answer(
      Page<T> page, String path, Object... query) {
    MutableHttpResponse<List<T>> answer = HttpResponse.ok(page.items());
    String next = page.next();
    int limit = page.size();
    if (next != null) {
      StringJoiner link = new StringJoiner("&", path + "?", "");
      for (int i = 0; i + 1 < query.length; i += 2) {
        if (query[i + 1] != null) {
          link.add(
              query[i] + "=" + URLEncoder.encode(query[i + 1].toString(), StandardCharsets.UTF_8));
        }
      }
      link.add("limit=" + limit).add("after=" + next);
      answer.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
    }
    return answer;
  }
}
