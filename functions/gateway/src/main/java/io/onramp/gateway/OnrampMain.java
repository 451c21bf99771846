package io.onramp.gateway;

import io.onramp.gateway.local.LocalEnvironment;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the all-in-one process. In local mode ({@code onramp up}) it first prepares what a developer's
 * machine lacks — an embedded PostgreSQL, a signing key pair, a sandbox Kubernetes API — and hands their coordinates
 * to Quarkus as system properties; then it runs the application until Ctrl-C.
 */
@QuarkusMain
public class OnrampMain {

    public static void main(String... args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalEnvironment local = null;
        if (options.local()) {
            local = LocalEnvironment.prepare(options);
            local.applyAsSystemProperties();
        }
        LocalEnvironment toClose = local;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (toClose != null) {
                toClose.close();
            }
        }, "onramp-local-shutdown"));
        Quarkus.run(args);
    }
}
