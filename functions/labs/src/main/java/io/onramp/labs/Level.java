package io.onramp.labs;

/** How hard a lab is. */
public enum Level {
    BEGINNER, INTERMEDIATE, ADVANCED
}
