package io.onramp.core.testing;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A {@code @ConfigMapping} outside Quarkus: its defaults with some properties (full keys) on top; "30m" as in Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static <T> T mapping(Class<T> type, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(type)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test-overrides", 500))
                .build();
        return config.getConfigMapping(type);
    }
}
