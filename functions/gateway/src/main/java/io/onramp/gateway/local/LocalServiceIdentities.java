package io.onramp.gateway.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.jwt.build.Jwt;

/**
 * Split mode on one machine: local mode plays the cluster's service-account issuer. It keeps a second key pair in
 * the data directory, trusts it for service tokens, and writes the gateway's service token (what the kubelet
 * projects into the gateway's pod in a cluster) to a file. Processes sharing the data directory share the issuer.
 */
final class LocalServiceIdentities {

    static final String GATEWAY_SUBJECT = "system:serviceaccount:onramp:onramp-gateway";
    static final Duration LIFETIME = LocalTokens.LIFETIME;

    private LocalServiceIdentities() {
    }

    /** The settings for {@code onramp.services.*}; with {@code writeToken} also the gateway's token file. */
    static Map<String, String> prepare(Path directory, boolean writeToken, String audience) {
        SigningKeys keys = SigningKeys.in(directory);
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            settings.put("onramp.services.issuer", LocalEnvironment.LOCAL_SERVICES_ISSUER);
            settings.put("onramp.services.public-key", Files.readString(keys.publicKeyFile(), StandardCharsets.US_ASCII));
            if (writeToken) {
                Path tokenFile = directory.resolve("gateway.token");
                String token = Jwt.issuer(LocalEnvironment.LOCAL_SERVICES_ISSUER).audience(audience)
                        .subject(GATEWAY_SUBJECT).expiresIn(LIFETIME).jws()
                        .sign(SigningKeys.readPrivateKey(keys.privateKeyFile()));
                Files.writeString(tokenFile, token, StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                settings.put("onramp.services.token-file", tokenFile.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the local service identities in " + directory, e);
        }
        return settings;
    }
}
