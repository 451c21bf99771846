package io.onramp.pods.blueprint;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@link PodsConfig} outside Quarkus (tests, tools): the defaults, optionally with some properties overridden. */
public final class PodsConfigs {

    private PodsConfigs() {
    }

    /** All defaults; no API server CIDRs. */
    public static PodsConfig defaults() {
        return of(Map.of());
    }

    /**
     * The defaults with {@code properties} on top, full keys ({@code onramp.pods.ingress.cluster-issuer}). Reads
     * neither the environment nor system properties.
     */
    public static PodsConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PodsConfig.class)
                .withSources(new PropertiesConfigSource(properties, "onramp-pods-overrides", 500))
                .build();
        return config.getConfigMapping(PodsConfig.class);
    }
}
