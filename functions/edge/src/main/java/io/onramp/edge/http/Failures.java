package io.onramp.edge.http;

import io.onramp.core.error.OnrampException;

/** Finds the client-facing error inside whatever wrappers a framework put around it. */
public final class Failures {

    private Failures() {
    }

    public static OnrampException find(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof OnrampException e) {
                return e;
            }
            current = current.getCause();
        }
        return null;
    }
}
