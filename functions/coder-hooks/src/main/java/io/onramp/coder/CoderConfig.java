package io.onramp.coder;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The Coder webhook receiver's settings. */
@ConfigMapping(prefix = "onramp.coder")
public interface CoderConfig {

    /** The password of the webhook URL's user-info ({@code ONRAMP_CODER_WEBHOOK_SECRET}); unset turns the receiver off. */
    @WithName("webhook-secret")
    Optional<String> webhookSecret();

    /**
     * The Knative Broker's ingress URL (cluster mode), e.g.
     * {@code http://broker-ingress.knative-eventing.svc.cluster.local/onramp/default}; unset in all-in-one mode.
     */
    Optional<String> brokerUrl();

    /**
     * A token file whose content is sent as {@code Authorization: Bearer} to the broker, read again for every event
     * (projected ServiceAccount tokens rotate). In a cluster where Knative Eventing's {@code authentication-oidc} is
     * on, the Broker refuses events without a token for its audience ({@code eventing.knative.dev/broker/<ns>/<name>}):
     * mount a projected token with that audience and point this at it ({@code ONRAMP_CODER_BROKER_TOKEN_FILE}).
     */
    Optional<String> brokerTokenFile();

    /** Largest webhook body accepted; Coder's are about 2 KiB. */
    @WithDefault("64")
    int maxBodyKib();
}
