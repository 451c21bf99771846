package io.onramp.core.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Onramp's own settings; every one can be set through the environment (see the README's configuration table). */
@ConfigMapping(prefix = "onramp")
public interface OnrampConfig {

    /** LOCAL (a developer's machine: embedded PostgreSQL, sandbox Kubernetes, local keys) or CLUSTER. */
    @WithDefault("CLUSTER")
    Mode mode();

    Kubernetes kubernetes();

    Exoscale exoscale();

    /** Set by local mode's launcher; empty in cluster mode. */
    Local local();

    enum Mode {
        LOCAL,
        CLUSTER
    }

    interface Kubernetes {
        /** Set when Onramp runs against its embedded sandbox API server (the fabric8 mock server). */
        @WithDefault("false")
        boolean sandbox();

        /** The API server URL Onramp talks to, for display; resolved at start-up. */
        Optional<String> apiServer();
    }

    interface Local {
        /** Where local mode keeps the database, keys and the sandbox kubeconfig. */
        Optional<String> dataDir();

        /** EMBEDDED when local mode started PostgreSQL itself. */
        Optional<String> database();

        /** The JDBC URL of that embedded PostgreSQL, printed for a second process (split mode on one machine). */
        Optional<String> databaseUrl();

        /** The private key local mode signs its printed tokens with. */
        Optional<String> signingKey();

        /** The kubeconfig written for the sandbox API server. */
        Optional<String> sandboxKubeconfig();
    }

    interface Exoscale {
        @WithName("api-key")
        Optional<String> apiKey();

        @WithName("api-secret")
        Optional<String> apiSecret();

        @WithDefault("ch-gva-2")
        String zone();

        @WithDefault("https://api-{zone}.exoscale.com/v2")
        String endpoint();

        default boolean configured() {
            return apiKey().isPresent() && apiSecret().isPresent();
        }
    }
}
