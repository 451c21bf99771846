package io.onramp.exoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backsOffExponentiallyWithinBounds() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertEquals(4, p.maxRetries());
        assertEquals(Duration.ofSeconds(1), p.backoff(0));
        assertEquals(Duration.ofSeconds(2), p.backoff(1));
        assertEquals(Duration.ofSeconds(4), p.backoff(2));
        assertEquals(Duration.ofSeconds(8), p.backoff(3));
        assertEquals(Duration.ofSeconds(16), p.backoff(4));
        assertEquals(Duration.ofSeconds(30), p.backoff(5));
        assertEquals(Duration.ofSeconds(30), p.backoff(60));
    }

    @Test
    void honoursRetryAfterUpToALimit() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertEquals(Optional.of(Duration.ofSeconds(7)), p.delay(0, Duration.ofSeconds(7)));
        assertEquals(Optional.of(Duration.ofSeconds(45)), p.delay(3, Duration.ofSeconds(45))); // beyond maxWait: as is
        assertEquals(Optional.empty(), p.delay(0, Duration.ofMinutes(5)));
        assertEquals(Optional.of(Duration.ofSeconds(2)), p.delay(1, null));
    }

    @Test
    void retriesTooManyRequestsAndServerErrorsButNot501() {
        assertTrue(RetryPolicy.retryableStatus(429));
        assertTrue(RetryPolicy.retryableStatus(500));
        assertTrue(RetryPolicy.retryableStatus(502));
        assertTrue(RetryPolicy.retryableStatus(503));
        assertTrue(RetryPolicy.retryableStatus(504));
        assertFalse(RetryPolicy.retryableStatus(501));
        assertFalse(RetryPolicy.retryableStatus(400));
        assertFalse(RetryPolicy.retryableStatus(403));
        assertFalse(RetryPolicy.retryableStatus(404));
        assertFalse(RetryPolicy.retryableStatus(409));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO));
    }
}
