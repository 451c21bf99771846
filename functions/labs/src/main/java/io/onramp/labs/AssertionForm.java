package io.onramp.labs;

/** The assertion form of a check: exactly one per check. */
public enum AssertionForm {
    /** {@code expect}, optionally with {@code count} or {@code all}. */
    EXPECT,
    /** {@code count} alone. */
    COUNT,
    RELATION,
    STATUS,
    ACCESS
}
