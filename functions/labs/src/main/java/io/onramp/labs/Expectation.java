package io.onramp.labs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code expect} entry: a path and one operator with its expected value. {@code expected} is a scalar for
 * equals/contains/comparisons, a list of scalars for oneOf, a regex string for matches, a Boolean for exists.
 */
public record Expectation(FieldPath path, Operator operator, Object expected) {

    public Expectation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operator, "operator");
    }

    /** Whether the entry holds for an object (as a map tree). */
    public boolean holds(Object object) {
        List<Object> values = path.resolve(object);
        if (operator == Operator.EXISTS) {
            return Boolean.TRUE.equals(expected) ? !values.isEmpty() : values.isEmpty();
        }
        return values.stream().anyMatch(this::satisfiedBy);
    }

    /** Whether one resolved value satisfies the operator (not meaningful for {@code exists}). */
    public boolean satisfiedBy(Object value) {
        return switch (operator) {
            case EQUALS -> Values.equal(expected, value);
            case ONE_OF -> expected instanceof List<?> options && options.stream().anyMatch(o -> Values.equal(o, value));
            case MATCHES -> Values.isScalar(value) && pattern().matcher(Values.text(value)).matches();
            case EXISTS -> true;
            case CONTAINS -> value instanceof List<?> list && list.stream().anyMatch(e -> Values.equal(expected, e));
            case GTE, GT, LTE, LT -> compare(value);
        };
    }

    private boolean compare(Object value) {
        if (!Values.isScalar(value) || value instanceof Boolean) {
            return false;
        }
        Optional<BigDecimal> actual = Quantities.parse(value);
        Optional<BigDecimal> limit = Quantities.parse(expected);
        if (actual.isEmpty() || limit.isEmpty()) {
            return false;
        }
        int c = actual.get().compareTo(limit.get());
        return switch (operator) {
            case GTE -> c >= 0;
            case GT -> c > 0;
            case LTE -> c <= 0;
            case LT -> c < 0;
            default -> false;
        };
    }

    private Pattern pattern() {
        return Pattern.compile(String.valueOf(expected));
    }

    @Override
    public String toString() {
        return path + " " + operator + " " + Values.describe(expected);
    }
}
