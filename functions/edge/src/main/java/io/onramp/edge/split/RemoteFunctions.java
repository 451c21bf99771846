package io.onramp.edge.split;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.onramp.core.deploy.DeploymentConfig;
import io.onramp.core.deploy.FunctionGroup;
import io.onramp.core.error.OnrampException;
import io.onramp.edge.auth.Callers;
import io.onramp.edge.service.OwnServiceToken;

/**
 * The gateway's view of the other function groups. A group this process serves runs in-process; a group it does not
 * serve but has a URL for ({@code onramp.split.<group>-url}) is called over HTTP with the current user's token
 * forwarded, so the function checks that user itself. Operation beans ask {@link #isRemote} and forward with
 * {@link #call}; everything else about an operation stays the same.
 */
@Singleton
public class RemoteFunctions {

    private static final Logger LOG = Logger.getLogger(RemoteFunctions.class);

    private final DeploymentConfig deployment;
    private final SplitConfig split;
    private final ObjectMapper json;
    private final Callers callers;
    private final OwnServiceToken token;
    private final Map<FunctionGroup, FunctionClient> clients = new EnumMap<>(FunctionGroup.class);
    private final Map<FunctionGroup, AtomicBoolean> waking = new EnumMap<>(FunctionGroup.class);

    @jakarta.inject.Inject
    public RemoteFunctions(DeploymentConfig deployment, SplitConfig split, ObjectMapper json, Callers callers,
            OwnServiceToken token) {
        this.deployment = deployment;
        this.split = split;
        this.json = json;
        this.callers = callers;
        this.token = token;
        // HTTP/1.1: the JDK would otherwise try an h2c upgrade, and an upgrade request loses its body in Vert.x
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(split.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (FunctionGroup group : FunctionGroup.values()) {
            waking.put(group, new AtomicBoolean());
            Optional<URI> url;
            try {
                url = url(group);
            } catch (IllegalArgumentException e) {
                continue; // SplitSettingsCheck stops the start with a message naming the setting
            }
            url.filter(u -> !deployment.serves(group)).ifPresent(u -> clients.put(group,
                    new FunctionClient(group, u, http, json, token::current, split.timeout())));
        }
    }

    /** All-in-one, for code used as a library or in tests: every group is served in-process, nothing is remote. */
    public static RemoteFunctions inProcess() {
        return new RemoteFunctions();
    }

    private RemoteFunctions() {
        this.deployment = null;
        this.split = null;
        this.json = null;
        this.callers = null;
        this.token = null;
        for (FunctionGroup group : FunctionGroup.values()) {
            waking.put(group, new AtomicBoolean());
        }
    }

    /** The configured URL of a group's function, if any (CODER and GATEWAY have none: the gateway never calls them). */
    Optional<URI> url(FunctionGroup group) {
        Optional<String> raw = switch (group) {
            case PODS -> split.podsUrl();
            case VMS -> split.vmsUrl();
            case LABS -> split.labsUrl();
            case GATEWAY, CODER -> Optional.empty();
        };
        return raw.filter(u -> !u.isBlank()).map(u -> URI.create(u.trim()));
    }

    /** Whether calls for {@code group} go to its function over HTTP (not served here, URL configured). */
    public boolean isRemote(FunctionGroup group) {
        return clients.containsKey(group);
    }

    /** Calls {@code function} of {@code group}'s service for the current user. */
    public <T> T call(FunctionGroup group, String function, Object input, Class<T> type) {
        return client(group).call(function, input, callerToken(), json.constructType(type));
    }

    public <T> T call(FunctionGroup group, String function, Object input, TypeReference<T> type) {
        return client(group).call(function, input, callerToken(), json.constructType(type));
    }

    /**
     * Asks {@code group}'s function to run a duty now, as this service, without waiting: a function scaled to zero
     * starts and converges the work just recorded instead of at the next PingSource tick. One call in flight per
     * group; a failure only delays the work until the next tick.
     */
    public void wake(FunctionGroup group, String duty) {
        FunctionClient client = clients.get(group);
        AtomicBoolean inFlight = waking.get(group);
        if (client == null || !inFlight.compareAndSet(false, true)) {
            return;
        }
        try {
            client.send("runDuty", Map.of("name", duty)).whenComplete((status, failure) -> {
                inFlight.set(false);
                if (failure != null || status == null || status >= 300) {
                    LOG.debugf("Waking the %s function for %s did not work (%s); the next scheduled run picks it up",
                            name(group), duty, failure != null ? failure.getClass().getSimpleName() : "HTTP " + status);
                }
            });
        } catch (RuntimeException e) {
            inFlight.set(false);
            LOG.debugf("Could not wake the %s function: %s", name(group), e.getMessage());
        }
    }

    private FunctionClient client(FunctionGroup group) {
        FunctionClient client = clients.get(group);
        if (client == null) {
            throw OnrampException.unavailable(name(group) + " is not served by this process.");
        }
        return client;
    }

    private String callerToken() {
        return callers.callerToken();
    }

    private static String name(FunctionGroup group) {
        return group.name().toLowerCase(Locale.ROOT);
    }
}
