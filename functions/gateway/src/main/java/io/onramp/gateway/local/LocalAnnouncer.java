package io.onramp.gateway.local;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.onramp.core.audit.AuditLog;
import io.onramp.core.audit.Outcome;
import io.onramp.core.auth.Role;
import io.onramp.core.config.OnrampConfig;
import io.onramp.core.deploy.DeploymentConfig;
import io.onramp.core.deploy.FunctionGroup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * In local mode, prints what a newcomer needs, one {@code NAME=value} per line so scripts can parse it: the URL, an
 * admin token, a developer token for alice, the sandbox kubeconfig, and a curl example.
 */
@ApplicationScoped
public class LocalAnnouncer {

    private static final Logger LOG = Logger.getLogger(LocalAnnouncer.class);

    private final AtomicBoolean announced = new AtomicBoolean();

    void recordStart(@Observes StartupEvent event, OnrampConfig config, AuditLog audit,
            @ConfigProperty(name = "onramp.local.signing-key") Optional<String> signingKey) {
        if (config.mode() == OnrampConfig.Mode.LOCAL && signingKey.isPresent()) {
            audit.record("onramp", "issueLocalTokens", "admin,alice", Outcome.SUCCESS, "local mode start");
        }
    }

    /** Printed once the HTTP server listens, so a script that reads ONRAMP_URL can call it at once. */
    void announce(@ObservesAsync HttpServerStart started, OnrampConfig config,
            @ConfigProperty(name = "quarkus.http.host") String host,
            @ConfigProperty(name = "quarkus.http.port") int configuredPort,
            @ConfigProperty(name = "onramp.local.signing-key") Optional<String> signingKey,
            @ConfigProperty(name = "onramp.local.sandbox-kubeconfig") Optional<String> sandboxKubeconfig,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") String audience,
            @ConfigProperty(name = "onramp.local.database-url") Optional<String> databaseUrl,
            @ConfigProperty(name = "onramp.services.token-file") Optional<String> serviceTokenFile,
            DeploymentConfig deployment) {
        if (config.mode() != OnrampConfig.Mode.LOCAL || !announced.compareAndSet(false, true)) {
            return;
        }
        int port = started.options().getPort() > 0 ? started.options().getPort() : configuredPort;
        String shownHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        String url = "http://" + shownHost + ":" + port;
        StringBuilder out = new StringBuilder();
        out.append("ONRAMP_URL=").append(url).append('\n');
        if (signingKey.isPresent()) {
            LocalTokens tokens = new LocalTokens(SigningKeys.readPrivateKey(Path.of(signingKey.get())), issuer,
                    audience.split(",")[0].trim());
            out.append("ONRAMP_ADMIN_TOKEN=")
                    .append(tokens.mint("admin", Set.of(Role.ADMIN.group(), Role.DEVELOPER.group()))).append('\n');
            out.append("ONRAMP_DEV_TOKEN=").append(tokens.mint("alice", Set.of(Role.DEVELOPER.group()))).append('\n');
        }
        sandboxKubeconfig.ifPresent(path -> {
            out.append("ONRAMP_SANDBOX_KUBECONFIG=").append(path).append('\n');
            LOG.info("Kubernetes: SANDBOX (embedded API server with simulated controllers; kubectl --kubeconfig "
                    + path + ")");
        });
        // What a second process (split mode) needs to share this one's database and service identities.
        databaseUrl.ifPresent(db -> out.append("ONRAMP_DB_URL=").append(db).append('\n')
                .append("ONRAMP_DB_USER=").append(io.onramp.core.store.EmbeddedDatabase.USER).append('\n'));
        serviceTokenFile.ifPresent(file -> out.append("ONRAMP_SERVICE_TOKEN_FILE=").append(file).append('\n'));
        if (!deployment.serves(FunctionGroup.GATEWAY)) {
            String groups = deployment.serve().stream().map(g -> g.name().toLowerCase(java.util.Locale.ROOT)).sorted()
                    .collect(java.util.stream.Collectors.joining(","));
            out.append("ONRAMP_SERVES=").append(groups).append('\n');
            out.append("Try: curl -s -H \"Authorization: Bearer $(cat $ONRAMP_SERVICE_TOKEN_FILE)\" ")
                    .append("-H 'Content-Type: application/json' -d '{\"name\":\"pods.jobs\"}' ").append(url)
                    .append("/runDuty   (a function service: service identities only; GraphQL is on the gateway)\n");
        } else {
            out.append("Try: curl -s -H \"Authorization: Bearer $ONRAMP_DEV_TOKEN\" -H 'Content-Type: application/json' ")
                    .append("-d '{\"query\":\"{ me { username roles } }\"}' ").append(url).append("/graphql\n");
        }
        System.out.print(out);
        System.out.flush();
    }
}
