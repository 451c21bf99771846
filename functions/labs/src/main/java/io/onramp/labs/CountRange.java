package io.onramp.labs;

/** {@code count}: how many selected objects (satisfying every {@code expect} entry, if any); max null = unbounded. */
public record CountRange(int min, Integer max) {

    public boolean contains(int n) {
        return n >= min && (max == null || n <= max);
    }

    @Override
    public String toString() {
        return max == null ? "at least " + min : min + ".." + max;
    }
}
