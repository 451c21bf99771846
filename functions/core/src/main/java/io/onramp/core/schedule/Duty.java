package io.onramp.core.schedule;

import java.time.Duration;
import java.time.Instant;

import io.onramp.core.deploy.FunctionGroup;

/**
 * A periodic duty of the platform (idle pause, expiry, reconcile, exam deadlines...). Implementations are CDI beans.
 * The all-in-one process runs them on {@link DutyScheduler}; in a cluster a Knative PingSource asks the owning
 * group's service to run one by name. A run must be idempotent and safe to run twice at once on two replicas
 * (claim work with row locks, not with in-memory state).
 */
public interface Duty {

    /** Stable name, used in configuration ({@code onramp.duties."<name>".*}) and by the PingSources. */
    String name();

    /** The group whose service runs it (and holds the rights it needs). */
    FunctionGroup group();

    /** How often the in-process scheduler runs it unless configured otherwise. */
    Duration defaultInterval();

    /** Whether it runs unless configured otherwise (expiry is off by default). */
    default boolean enabledByDefault() {
        return true;
    }

    DutyReport run(Instant now);
}
