package io.onramp.core.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What every {@code @QuarkusTest} of an Onramp application needs: a real PostgreSQL (embedded, one per JVM) and
 * trust in {@link TestTokens}.
 */
public class OnrampTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(TestTokens.config());
        config.put("quarkus.datasource.jdbc.url", TestDatabase.get().jdbcUrl());
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        return config;
    }

    @Override
    public void stop() {
        // the database lives for the whole test JVM
    }
}
