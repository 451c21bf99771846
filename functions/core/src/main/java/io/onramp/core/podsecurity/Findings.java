package io.onramp.core.podsecurity;

import java.util.List;

/** Collects the violations of one check. */
final class Findings {

    private final String check;
    private final List<Violation> out;

    Findings(String check, List<Violation> out) {
        this.check = check;
        this.out = out;
    }

    void add(String path, String message) {
        out.add(new Violation(check, path, message));
    }
}
