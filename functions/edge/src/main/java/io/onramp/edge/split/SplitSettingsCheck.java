package io.onramp.edge.split;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.onramp.core.deploy.DeploymentConfig;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.edge.service.OwnServiceToken;
import io.onramp.edge.service.ServiceTokens;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a split process that could not work: a gateway that neither serves a group nor knows its URL, a
 * gateway with remote groups but no service token, a function service that cannot verify service tokens, or a bad
 * URL or key. The message names the setting to fix.
 */
@ApplicationScoped
public class SplitSettingsCheck {

    /** The groups whose operations the gateway must reach somewhere (CODER is reached by Coder directly). */
    static final FunctionGroup[] CALLED_BY_THE_GATEWAY = { FunctionGroup.PODS, FunctionGroup.VMS, FunctionGroup.LABS };

    void verify(@Observes StartupEvent event, DeploymentConfig deployment, RemoteFunctions remote,
            ServiceTokens services, OwnServiceToken token) {
        check(deployment, remote, services, token);
    }

    static void check(DeploymentConfig deployment, RemoteFunctions remote, ServiceTokens services, OwnServiceToken token) {
        if (deployment.serve().isEmpty()) {
            throw new IllegalStateException("ONRAMP_DEPLOYMENT_SERVE names no group: list some of gateway, pods, vms, labs, coder.");
        }
        if (deployment.serves(FunctionGroup.GATEWAY)) {
            boolean anyRemote = false;
            for (FunctionGroup group : CALLED_BY_THE_GATEWAY) {
                if (deployment.serves(group)) {
                    continue;
                }
                String name = group.name().toLowerCase(Locale.ROOT);
                Optional<URI> url;
                try {
                    url = remote.url(group);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("ONRAMP_SPLIT_" + group.name() + "_URL is not a URL: " + e.getMessage());
                }
                if (url.isEmpty()) {
                    throw new IllegalStateException("This process serves the gateway but not " + name
                            + " (ONRAMP_DEPLOYMENT_SERVE=" + served(deployment) + "): set ONRAMP_SPLIT_" + group.name()
                            + "_URL to the " + name + " function's URL (e.g. http://onramp-" + name
                            + ".onramp.svc.cluster.local), or add " + name + " to ONRAMP_DEPLOYMENT_SERVE.");
                }
                String scheme = url.get().getScheme();
                if (url.get().getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                    throw new IllegalStateException("ONRAMP_SPLIT_" + group.name()
                            + "_URL must be an http(s) URL such as http://onramp-" + name + ".onramp.svc.cluster.local.");
                }
                anyRemote = true;
            }
            if (anyRemote && !token.configured()) {
                throw new IllegalStateException("This gateway calls functions over HTTP and needs its service token: set "
                        + "ONRAMP_SERVICES_TOKEN_FILE to its projected ServiceAccount token (audience onramp-functions).");
            }
        } else if (!services.verifiable()) {
            throw new IllegalStateException("This process serves only " + served(deployment) + " (ONRAMP_DEPLOYMENT_SERVE) "
                    + "and so accepts only service identities: set ONRAMP_SERVICES_ISSUER and ONRAMP_SERVICES_JWKS_URL "
                    + "(or ONRAMP_SERVICES_PUBLIC_KEY).");
        }
        if (services.verifiable()) {
            services.verifier(); // a malformed key or CA file fails the start, naming the setting
        }
    }

    private static String served(DeploymentConfig deployment) {
        return deployment.serve().stream().map(g -> g.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
    }
}
