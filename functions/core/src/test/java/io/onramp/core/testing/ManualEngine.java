package io.onramp.core.testing;

import java.time.Duration;

import io.onramp.core.workspace.EngineConfig;

/**
 * Engine settings for tests that drive the job queue by hand ({@code engine.drain()}, duties): no background worker,
 * one job at a time, a five-minute lease, back-off from one second up to {@code backoffMax}.
 */
public record ManualEngine(int maxAttempts, Duration backoffMax) implements EngineConfig {

    public static ManualEngine of(int maxAttempts) {
        return new ManualEngine(maxAttempts, Duration.ofSeconds(30));
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
    public int concurrency() {
        return 1;
    }

    @Override
    public Duration lease() {
        return Duration.ofMinutes(5);
    }

    @Override
    public Duration backoffBase() {
        return Duration.ofSeconds(1);
    }
}
