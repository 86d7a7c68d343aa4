package se.saknad.children;

import java.util.UUID;
import se.saknad.common.Pages;

/** Where a page of the children list ended, in its order (given name, family name, id). */
record ListPosition(String givenName, String familyName, UUID id) {
  static ListPosition after(ChildApi.ChildView last) {
    return new ListPosition(last.givenName(), last.familyName(), last.id());
  }

  String token() {
    return Pages.token(givenName, familyName, id.toString());
  }

  static ListPosition of(String token) {
    return Pages.read(
        token,
        3,
        parts -> new ListPosition(parts.get(0), parts.get(1), UUID.fromString(parts.get(2))));
  }
}
