package io.onramp.core.workspace;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the workspace engine runs its jobs. */
@ConfigMapping(prefix = "onramp.engine")
public interface EngineConfig {

    /** Run the background worker in this process (all-in-one); cluster mode uses a scheduled function instead. */
    @WithDefault("true")
    boolean workerEnabled();

    /** How often the worker looks for due jobs when it was not nudged. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Jobs processed in parallel by one process. */
    @WithDefault("8")
    int concurrency();

    /** How long a claimed job stays with its worker before another process may take it over. */
    @WithDefault("5m")
    Duration lease();

    /** Failed attempts before a workspace is marked FAILED. */
    @WithDefault("6")
    int maxAttempts();

    /** First retry delay; doubles with every failed attempt. */
    @WithDefault("1s")
    Duration backoffBase();

    /** Longest retry delay. */
    @WithDefault("2m")
    Duration backoffMax();
}
