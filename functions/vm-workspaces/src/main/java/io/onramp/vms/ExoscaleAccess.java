package io.onramp.vms;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.onramp.core.config.OnrampConfig;
import io.onramp.core.error.OnrampException;
import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.ExoscaleCredentials;
import io.onramp.exoscale.ExoscaleEndpoint;

/**
 * The Exoscale client of this process, built from core's {@code onramp.exoscale.*} settings (key, secret, zone,
 * endpoint) with {@code onramp.vms.operation-deadline} as its wait limit. Without credentials VM operations answer
 * UNAVAILABLE; nothing else in the process is affected.
 */
@ApplicationScoped
public class ExoscaleAccess {

    static final String MISSING = "VM workspaces need EXOSCALE_API_KEY and EXOSCALE_API_SECRET "
            + "(onramp.exoscale.api-key / api-secret): ask an administrator to configure Exoscale credentials.";

    private final ExoscaleClient client;
    private final String defaultZone;
    private final String problem;

    @Inject
    public ExoscaleAccess(OnrampConfig onramp, VmsConfig vms) {
        this.defaultZone = onramp.exoscale().zone();
        ExoscaleClient built = null;
        String trouble = null;
        Optional<String> key = onramp.exoscale().apiKey().filter(k -> !k.isBlank());
        Optional<String> secret = onramp.exoscale().apiSecret().filter(s -> !s.isBlank());
        if (key.isEmpty() || secret.isEmpty()) {
            trouble = MISSING;
        } else {
            try {
                built = ExoscaleClient.builder()
                        .credentials(ExoscaleCredentials.of(key.get(), secret.get()))
                        .endpoint(ExoscaleEndpoint.of(onramp.exoscale().endpoint()))
                        .operationTimeout(vms.operationDeadline())
                        .build();
            } catch (OnrampException e) {
                trouble = e.getMessage(); // names the setting; never the key or secret
            }
        }
        this.client = built;
        this.problem = trouble;
    }

    private ExoscaleAccess(ExoscaleClient client, String defaultZone) {
        this.client = client;
        this.defaultZone = defaultZone;
        this.problem = client == null ? MISSING : null;
    }

    /** An access on a ready client (tests, tools); {@code null} stands for "no credentials configured". */
    public static ExoscaleAccess using(ExoscaleClient client, String defaultZone) {
        return new ExoscaleAccess(client, defaultZone);
    }

    public boolean configured() {
        return client != null;
    }

    /** @throws OnrampException UNAVAILABLE naming the settings when there are no usable credentials */
    public ExoscaleClient client() {
        if (client == null) {
            throw OnrampException.unavailable(problem);
        }
        return client;
    }

    /** {@code onramp.exoscale.zone} ({@code EXOSCALE_ZONE}). */
    public String defaultZone() {
        return defaultZone;
    }
}
