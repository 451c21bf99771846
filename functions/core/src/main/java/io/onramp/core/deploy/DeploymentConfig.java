package io.onramp.core.deploy;

import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which function groups this process serves ({@code ONRAMP_DEPLOYMENT_SERVE}); all of them by default. */
@ConfigMapping(prefix = "onramp.deployment")
public interface DeploymentConfig {

    @WithDefault("gateway,pods,vms,labs,coder")
    Set<FunctionGroup> serve();

    default boolean serves(FunctionGroup group) {
        return serve().contains(group);
    }

    default boolean allInOne() {
        return serve().containsAll(Set.of(FunctionGroup.values()));
    }
}
