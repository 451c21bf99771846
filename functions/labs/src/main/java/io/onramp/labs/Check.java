package io.onramp.labs;

import java.util.List;
import java.util.Objects;

/**
 * One check of a task. Exactly one assertion form is set: {@code expect} (non-empty, optionally with {@code count}
 * or {@code all}), {@code count} alone, {@code relation}, {@code status} or {@code access}. {@code resource} is
 * null only for access checks.
 */
public record Check(String id, String description, int points, String hint, ResourceRef resource,
        List<Expectation> expect, CountRange count, boolean all, Relation relation, RuntimeStatus status,
        AccessRule access) {

    public Check {
        Objects.requireNonNull(id, "id");
        expect = expect == null ? List.of() : List.copyOf(expect);
    }

    public AssertionForm form() {
        if (!expect.isEmpty()) {
            return AssertionForm.EXPECT;
        }
        if (count != null) {
            return AssertionForm.COUNT;
        }
        if (relation != null) {
            return AssertionForm.RELATION;
        }
        if (status != null) {
            return AssertionForm.STATUS;
        }
        return AssertionForm.ACCESS;
    }
}
