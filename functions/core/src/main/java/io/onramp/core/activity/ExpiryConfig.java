package io.onramp.core.activity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Expiry ({@code onramp.expiry.*}): workspaces paused for {@link #afterPaused()} are deleted by the duty
 * {@code workspaces.expiry}, never without a warning event to their owner at least {@link #warning()} before.
 */
@ConfigMapping(prefix = "onramp.expiry")
public interface ExpiryConfig {

    /**
     * Off by default: expiry deletes workspaces and their files. {@code onramp.duties."workspaces.expiry".enabled}
     * overrides it either way.
     */
    @WithDefault("false")
    boolean enabled();

    /** How long a workspace may stay paused before it is deleted. */
    @WithDefault("14d")
    Duration afterPaused();

    /** How long before the deletion its owner is warned (the deletion waits for at least this long after the warning). */
    @WithDefault("24h")
    Duration warning();
}
