package io.onramp.exoscale.simulator;

import java.time.Duration;

/**
 * One injected misbehaviour of the simulated API.
 *
 * @param kind              what happens
 * @param status            HTTP status for {@link Kind#STATUS} and {@link Kind#LOST_RESPONSE} (0: drop the connection)
 * @param retryAfterSeconds {@code Retry-After} for {@link Kind#RATE_LIMITED} (and optionally {@link Kind#STATUS})
 * @param delay             real delay for {@link Kind#SLOW}
 */
public record Fault(Kind kind, int status, int retryAfterSeconds, Duration delay) {

    public enum Kind {
        /** Answer with {@code status} and a {@code {"message"}} body without doing anything. */
        STATUS,
        /** Answer 429 with {@code Retry-After} without doing anything. */
        RATE_LIMITED,
        /** Close the connection without any response, without doing anything. */
        DROP_CONNECTION,
        /** Wait {@code delay} (real time), then handle the request normally. */
        SLOW,
        /**
         * Handle the request (the change happens: e.g. the instance gets created) but lose the answer: reply
         * {@code status}, or drop the connection when {@code status} is 0. Models a crash after the effect.
         */
        LOST_RESPONSE
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, 0, Duration.ZERO);
    }

    /** A {@code status} answer that also carries {@code Retry-After: seconds} (e.g. 503). */
    public static Fault status(int status, int retryAfterSeconds) {
        return new Fault(Kind.STATUS, status, retryAfterSeconds, Duration.ZERO);
    }

    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.RATE_LIMITED, 429, retryAfterSeconds, Duration.ZERO);
    }

    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, 0, Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 0, 0, delay);
    }

    /** The change is made, then the connection is dropped. */
    public static Fault lostResponse() {
        return new Fault(Kind.LOST_RESPONSE, 0, 0, Duration.ZERO);
    }

    /** The change is made, then {@code status} is answered instead of the real result. */
    public static Fault lostResponse(int status) {
        return new Fault(Kind.LOST_RESPONSE, status, 0, Duration.ZERO);
    }
}
