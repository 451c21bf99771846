package io.onramp.core.workspace;

import java.time.Duration;

record TestEngineConfig(int maxAttempts, Duration lease) implements EngineConfig {

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
        return 4;
    }

    @Override
    public Duration backoffBase() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration backoffMax() {
        return Duration.ofSeconds(30);
    }
}
