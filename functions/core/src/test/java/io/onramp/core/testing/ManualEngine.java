package io.onramp.core.testing;

import java.time.Duration;

import io.onramp.core.workspace.EngineConfig;

/**
 * Engine settings for tests that drive the job queue by hand ({@code engine.drain()}, duties): no background worker,
 * a 100 ms poll, back-off from one second up to {@code backoffMax}. {@link #of} gives one job at a time and a
 * five-minute lease; the {@code with*} methods change one setting.
 */
public record ManualEngine(int maxAttempts, Duration lease, Duration backoffMax, int concurrency) implements EngineConfig {

    public static ManualEngine of(int maxAttempts) {
        return new ManualEngine(maxAttempts, Duration.ofMinutes(5), Duration.ofSeconds(30), 1);
    }

    public ManualEngine withLease(Duration value) {
        return new ManualEngine(maxAttempts, value, backoffMax, concurrency);
    }

    public ManualEngine withBackoffMax(Duration value) {
        return new ManualEngine(maxAttempts, lease, value, concurrency);
    }

    public ManualEngine withConcurrency(int value) {
        return new ManualEngine(maxAttempts, lease, backoffMax, value);
    }

    @Override
    public boolean workerEnabled() {
        return false;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(100);
    }

    @Override
    public Duration backoffBase() {
        return Duration.ofSeconds(1);
    }
}
