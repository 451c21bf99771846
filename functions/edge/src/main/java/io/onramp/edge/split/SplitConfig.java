package io.onramp.edge.split;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the gateway finds the functions it does not serve itself ({@code onramp.split.*}). A group served in this
 * process ({@code onramp.deployment.serve}) runs here whatever its URL says.
 */
@ConfigMapping(prefix = "onramp.split")
public interface SplitConfig {

    /** The pods function, e.g. {@code http://onramp-pods.onramp.svc.cluster.local}. */
    Optional<String> podsUrl();

    /** The vms function, e.g. {@code http://onramp-vms.onramp.svc.cluster.local}. */
    Optional<String> vmsUrl();

    /** The labs function, e.g. {@code http://onramp-labs.onramp.svc.cluster.local}. */
    Optional<String> labsUrl();

    /** How long one call may take (grading a task, a cold start of the function). */
    @WithDefault("60s")
    Duration timeout();

    @WithDefault("5s")
    Duration connectTimeout();
}
