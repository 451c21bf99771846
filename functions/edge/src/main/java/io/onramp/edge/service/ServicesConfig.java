package io.onramp.edge.service;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Service identities ({@code onramp.services.*}): how a function service verifies who calls it (the gateway's and the
 * scheduler's projected ServiceAccount tokens, checked against the cluster's OIDC issuer and keys), and where the
 * gateway finds its own token.
 */
@ConfigMapping(prefix = "onramp.services")
public interface ServicesConfig {

    /** Expected {@code iss}: the cluster's service-account issuer ({@code kubectl get --raw /.well-known/openid-configuration}). */
    Optional<String> issuer();

    /** The issuer's keys (JWKS), fetched and cached; in a pod {@code https://kubernetes.default.svc/openid/v1/jwks}. */
    Optional<String> jwksUrl();

    /** A bearer token presented when fetching the JWKS (the API server wants one: the pod's own token file). */
    Optional<String> jwksTokenFile();

    /** A CA certificate (PEM) to trust for the JWKS URL (the cluster CA of the pod). */
    Optional<String> jwksCaFile();

    /** Alternatively the key itself: a PEM public key, a JWK or a JWK set. */
    Optional<String> publicKey();

    /** Expected {@code aud} of service tokens: the audience of the gateway's projected token and the PingSources' sink audience. */
    @WithDefault("onramp-functions")
    String audience();

    /**
     * The subjects ({@code sub}) that may call a function; {@code *} matches any characters. By default the
     * gateway's ServiceAccount and the OIDC identities Knative Eventing creates for PingSources in namespace
     * {@code onramp} ({@code <source>-oidc-sources.knative.dev-pingsource}).
     */
    @WithDefault("system:serviceaccount:onramp:onramp-gateway,"
            + "system:serviceaccount:onramp:*-oidc-sources.knative.dev-pingsource")
    List<String> allowedSubjects();

    /** The gateway's own service token: a projected ServiceAccount token file with audience {@code onramp-functions}. */
    Optional<String> tokenFile();

    /** Whether service tokens can be verified here: an issuer and a key source. */
    default boolean verifiable() {
        return issuer().filter(s -> !s.isBlank()).isPresent()
                && (jwksUrl().filter(s -> !s.isBlank()).isPresent() || publicKey().filter(s -> !s.isBlank()).isPresent());
    }
}
