package io.onramp.edge.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;

/**
 * Fetches a JWKS for jose4j's cache. The Kubernetes API server serves its service-account keys only to
 * authenticated callers, so a bearer token file (the pod's own token, re-read on every fetch since the kubelet
 * rotates it) and the cluster CA can be given.
 */
final class JwksFetcher implements SimpleGet {

    private final Optional<Path> tokenFile;
    private final HttpClient http;

    JwksFetcher(Optional<Path> tokenFile, Optional<Path> caFile) {
        this.tokenFile = tokenFile;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        caFile.ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    @Override
    public SimpleResponse get(String location) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET();
        if (tokenFile.isPresent()) {
            request.header("Authorization", "Bearer " + Files.readString(tokenFile.get(), StandardCharsets.US_ASCII).trim());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the JWKS", e);
        }
        if (response.statusCode() != 200) {
            // jose4j would try to parse an error page as keys; say what happened instead (no body: it may echo headers)
            throw new IOException("the JWKS URL answered HTTP " + response.statusCode());
        }
        return new Response(response);
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("onramp.services.jwks-ca-file (" + caFile + ") is not a readable PEM certificate", e);
        }
    }

    private record Response(HttpResponse<String> response) implements SimpleResponse {
        @Override
        public int getStatusCode() {
            return response.statusCode();
        }

        @Override
        public String getStatusMessage() {
            return "";
        }

        @Override
        public Collection<String> getHeaderNames() {
            return response.headers().map().keySet();
        }

        @Override
        public List<String> getHeaderValues(String name) {
            return response.headers().allValues(name);
        }

        @Override
        public String getBody() {
            return response.body();
        }
    }
}
