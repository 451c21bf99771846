package io.onramp.exoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperationPollerTest {

    private static double f(double seconds) {
        return OperationPoller.intervalSeconds(seconds);
    }

    @Test
    void intervalFollowsTheReferenceFormula() {
        // python-exoscale tests
        assertEquals(3.0, f(25));
        assertTrue(3 < f(33) && f(33) < 4, "f(33)=" + f(33));
        assertTrue(8 < f(120) && f(120) < 9, "f(120)=" + f(120));
        assertTrue(40 < f(600) && f(600) < 41, "f(600)=" + f(600));
        assertEquals(60.0, f(1000));
        // edges: 3 s up to 30 s, 60 s from 15 min on
        assertEquals(3.0, f(0));
        assertEquals(3.0, f(30), 1e-9);
        assertEquals(60.0, f(900), 1e-9);
    }

    @Test
    void intervalAsDuration() {
        assertEquals(Duration.ofSeconds(3), OperationPoller.interval(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(60), OperationPoller.interval(Duration.ofHours(1)));
        assertEquals(Duration.ofMillis(8897), OperationPoller.interval(Duration.ofSeconds(120)));
    }
}
