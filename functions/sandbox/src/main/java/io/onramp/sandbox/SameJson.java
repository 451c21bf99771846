package io.onramp.sandbox;

import java.util.Objects;

/** Compares model objects by their JSON form, so that empty lists and absent fields count as equal. */
final class SameJson {

  private SameJson() {
  }

  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return Objects.equals(a, b) || (a == null ? Json.tree(b).isEmpty() : Json.tree(a).isEmpty());
    }
    return Json.tree(a).equals(Json.tree(b));
  }
}
