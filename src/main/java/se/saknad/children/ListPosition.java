package se.saknad.children;

import java.util.UUID;
import se.saknad.common.PageTokens;

/**
 * Where a page of the children list ended: the last child shown, by id only. The list's order is
 * (given name, family name, id), and the next page reads that child's names in the database, so no
 * name travels in the address.
 */
record ListPosition(UUID id) {
  static ListPosition after(ChildApi.ChildView last) {
    return new ListPosition(last.id());
  }

  String token(PageTokens tokens) {
    return tokens.token(id.toString());
  }

  static ListPosition of(PageTokens tokens, String token) {
    return tokens.read(token, 1, parts -> new ListPosition(UUID.fromString(parts.get(0))));
  }
}
