package io.onramp.edge.service;

import java.nio.file.Path;

import jakarta.inject.Singleton;

import io.onramp.core.error.OnrampException;

/** The verifier of service tokens for this process, built from {@link ServicesConfig} on first use. */
@Singleton
public class ServiceTokens {

    private final ServicesConfig config;
    private volatile ServiceTokenVerifier verifier;

    public ServiceTokens(ServicesConfig config) {
        this.config = config;
    }

    public boolean verifiable() {
        return config.verifiable();
    }

    /** @throws OnrampException UNAUTHENTICATED or FORBIDDEN ({@link ServiceTokenRejected}), UNAVAILABLE when keys cannot be fetched */
    public ServiceIdentity verify(String token) {
        if (!verifiable()) {
            throw new ServiceTokenRejected(ServiceTokenRejected.Reason.SIGNATURE,
                    io.onramp.core.error.ErrorCode.UNAUTHENTICATED, ServiceTokenVerifier.NOT_A_SERVICE_TOKEN);
        }
        return verifier().verify(token);
    }

    /** Builds the verifier now (startup checks call this so a bad key fails the start, not the first request). */
    public ServiceTokenVerifier verifier() {
        ServiceTokenVerifier v = verifier;
        if (v == null) {
            synchronized (this) {
                if (verifier == null) {
                    verifier = ServiceTokenVerifier.of(new ServiceTokenVerifier.Settings(config.issuer().orElse(null),
                            config.audience(), config.allowedSubjects(), config.publicKey(), config.jwksUrl(),
                            config.jwksTokenFile().filter(s -> !s.isBlank()).map(Path::of),
                            config.jwksCaFile().filter(s -> !s.isBlank()).map(Path::of)));
                }
                v = verifier;
            }
        }
        return v;
    }
}
