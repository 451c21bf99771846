package io.onramp.labs;

/**
 * The result of one check: {@code points} is what the check is worth (earned when {@code passed}); {@code hint} is
 * the check's hint when it failed and hints are shown, else null.
 */
public record CheckResult(String id, String description, boolean passed, int points, String hint) {
}
