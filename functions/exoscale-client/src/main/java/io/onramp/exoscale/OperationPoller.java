package io.onramp.exoscale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for asynchronous operations like python-exoscale {@code Client.wait} and egoscale v3 {@code Client.Wait}:
 * poll every 3 s for the first 30 s, then an interval growing linearly to 60 s at 15 min, then every 60 s
 * ({@link #interval(Duration)}); give up at the deadline (default 15 min) or after
 * {@value #MAX_CONSECUTIVE_ERRORS} consecutive transient errors; other errors end the wait at once. Elapsed time
 * is the larger of the clock's and the total time slept, so a clock that does not move cannot make it spin forever.
 */
public final class OperationPoller {

    public static final int MAX_CONSECUTIVE_ERRORS = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    private static final double MIN_SECONDS = 3;
    private static final double MAX_SECONDS = 60;
    private static final double SLOPE = 57.0 / 870.0; // from 3 s at 30 s to 60 s at 900 s
    private static final double OFFSET = 3 - 30 * SLOPE;

    /** Fetches the current state of an operation (one attempt, no retries). */
    @FunctionalInterface
    interface Fetcher {
        Operation fetch(String zone, String operationId);
    }

    private final Fetcher fetcher;
    private final Clock clock;
    private final ExoscaleTransport waiter;
    private final Duration timeout;
    private final ExoscaleErrorMapper errors;

    OperationPoller(Fetcher fetcher, Clock clock, ExoscaleTransport waiter, Duration timeout,
            ExoscaleErrorMapper errors) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.waiter = waiter;
        this.timeout = timeout;
        this.errors = errors;
    }

    /** The polling interval after {@code elapsedSeconds}: 3 until 30, linear to 60 at 900, then 60. */
    public static double intervalSeconds(double elapsedSeconds) {
        return Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, SLOPE * elapsedSeconds + OFFSET));
    }

    /** {@link #intervalSeconds(double)} as a duration (millisecond precision). */
    public static Duration interval(Duration elapsed) {
        return Duration.ofMillis(Math.round(intervalSeconds(elapsed.toMillis() / 1000.0) * 1000));
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Waits until {@code operation} succeeds and returns it (with its reference). A pending operation that was
     * just received is first waited for, then polled.
     *
     * @throws ExoscaleOperationException when it fails, times out, or cannot be polled
     * @throws ExoscaleApiException       when polling hits a non-transient error (e.g. 403, 404)
     */
    public Operation await(String zone, Operation operation) {
        return poll(zone, operation, false);
    }

    /** Polls operation {@code operationId} (first poll at once) until it succeeds; see {@link #await}. */
    public Operation await(String zone, String operationId) {
        return poll(zone, new Operation(operationId, Operation.State.PENDING, null, null, null), true);
    }

    private Operation poll(String zone, Operation operation, boolean fetchFirst) {
        Instant start = clock.instant();
        Duration slept = Duration.ZERO;
        Operation current = operation;
        int consecutiveErrors = 0;
        Duration hint = null;
        boolean fetch = fetchFirst;
        while (true) {
            if (fetch) {
                try {
                    current = fetcher.fetch(zone, current.id());
                    consecutiveErrors = 0;
                    hint = null;
                } catch (ExoscaleApiException e) {
                    if (!e.isTransient()) {
                        throw e;
                    }
                    if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                        throw errors.pollingFailed(zone, current, consecutiveErrors, e);
                    }
                    hint = e.retryAfter().orElse(null);
                }
            }
            fetch = true;
            if (current.isSuccess()) {
                return current;
            }
            if (!current.isPending()) {
                throw errors.fromOperation(zone, current);
            }
            Duration clockElapsed = Duration.between(start, clock.instant());
            Duration elapsed = clockElapsed.compareTo(slept) > 0 ? clockElapsed : slept;
            Duration remaining = timeout.minus(elapsed);
            if (remaining.isNegative() || remaining.isZero()) {
                throw errors.operationTimedOut(zone, current, timeout);
            }
            Duration wait = interval(elapsed);
            if (hint != null && hint.compareTo(wait) > 0) {
                wait = hint;
            }
            if (wait.compareTo(remaining) > 0) {
                wait = remaining;
            }
            waiter.sleep(wait);
            slept = slept.plus(wait);
        }
    }
}
