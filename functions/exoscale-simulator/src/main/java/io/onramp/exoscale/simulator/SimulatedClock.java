package io.onramp.exoscale.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's clock: a base clock plus an offset that {@link #advance(Duration)} moves forward. With a fixed base
 * (tests) time only moves when advanced; with the system clock as base ({@code main}) it also flows in real time.
 * Thread safe. Hand the same instance to the client under test so signature expiry and operation deadlines agree.
 */
public final class SimulatedClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    private SimulatedClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** A clock that stands still at {@code start} until advanced. */
    public static SimulatedClock frozenAt(Instant start) {
        return new SimulatedClock(Clock.fixed(start, ZoneOffset.UTC), new AtomicReference<>(Duration.ZERO));
    }

    /** A clock that follows the system clock, plus whatever it has been advanced by. */
    public static SimulatedClock realTime() {
        return new SimulatedClock(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
    }

    /** Moves time forward (a negative duration is refused). */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards");
        }
        offset.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this; // always UTC; the zone plays no role for instants
    }

    @Override
    public String toString() {
        return "SimulatedClock[" + instant() + "]";
    }
}
