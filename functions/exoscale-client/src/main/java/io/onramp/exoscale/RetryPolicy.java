package io.onramp.exoscale;

import java.time.Duration;
import java.util.Optional;

/**
 * When and how long to wait before trying a failed request again. Retried: 429, every 5xx but 501, and
 * connection failures and timeouts ({@link #retryableStatus(int)}); only for requests that are safe to repeat,
 * see {@link ExoscaleClient}. The wait is {@code minWait * 2^attempt} bounded by {@code maxWait}
 * (1 s, 2 s, 4 s, 8 s by default, like go-retryablehttp used by egoscale), unless the server sent
 * {@code Retry-After}, which is honoured as is; a {@code Retry-After} beyond {@code maxRetryAfter} ends the retries.
 *
 * @param maxRetries    retries after the first attempt (default 4)
 * @param minWait       first backoff (default 1 s)
 * @param maxWait       backoff ceiling (default 30 s)
 * @param maxRetryAfter the longest {@code Retry-After} that is waited for (default 2 min)
 */
public record RetryPolicy(int maxRetries, Duration minWait, Duration maxWait, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxRetries < 0 || minWait.isNegative() || maxWait.compareTo(minWait) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /** Whether a response status is worth another try: 429 and 5xx except 501. */
    public static boolean retryableStatus(int status) {
        return status == 429 || (status >= 500 && status <= 599 && status != 501);
    }

    /** Exponential backoff for retry number {@code attempt} (0-based), bounded by [minWait, maxWait]. */
    public Duration backoff(int attempt) {
        Duration wait = minWait;
        for (int i = 0; i < attempt && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /**
     * The wait before retry number {@code attempt}: {@code retryAfter} when the server gave one, else the backoff;
     * empty when the server asks for longer than {@code maxRetryAfter}.
     */
    public Optional<Duration> delay(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(retryAfter);
        }
        return Optional.of(backoff(attempt));
    }
}
