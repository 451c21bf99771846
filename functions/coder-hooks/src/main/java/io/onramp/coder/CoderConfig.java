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

    /** Largest webhook body accepted; Coder's are about 2 KiB. */
    @WithDefault("64")
    int maxBodyKib();
}
