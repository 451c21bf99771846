package io.onramp.edge.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.onramp.core.error.OnrampException;

/**
 * This process's own service token, sent when it calls a function: the projected ServiceAccount token the kubelet
 * keeps fresh in {@code onramp.services.token-file}. Re-read every 30 s, so a rotated token is picked up.
 */
@Singleton
public class OwnServiceToken {

    private static final Logger LOG = Logger.getLogger(OwnServiceToken.class);
    private static final long REREAD_NANOS = 30_000_000_000L;

    private final ServicesConfig config;
    private volatile String token;
    private volatile long readAt;

    public OwnServiceToken(ServicesConfig config) {
        this.config = config;
    }

    public boolean configured() {
        return config.tokenFile().filter(f -> !f.isBlank()).isPresent();
    }

    /** @throws OnrampException UNAVAILABLE when there is no readable token (the reason goes to the log) */
    public String current() {
        String cached = token;
        if (cached != null && System.nanoTime() - readAt < REREAD_NANOS) {
            return cached;
        }
        Path file = config.tokenFile().filter(f -> !f.isBlank()).map(Path::of).orElseThrow(
                () -> OnrampException.unavailable("This gateway has no service token to call the functions with "
                        + "(onramp.services.token-file); an administrator must configure it."));
        try {
            String read = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (read.isEmpty()) {
                throw new IOException("the file is empty");
            }
            token = read;
            readAt = System.nanoTime();
            return read;
        } catch (IOException e) {
            if (cached != null) {
                LOG.warnf("Could not re-read the service token file %s (%s); using the previous token", file, e.getMessage());
                return cached;
            }
            LOG.warnf("Could not read the service token file %s: %s", file, e.getMessage());
            throw OnrampException.unavailable("This gateway cannot read its service token; an administrator must check "
                    + "onramp.services.token-file.");
        }
    }
}
