package io.onramp.core.activity;

import java.net.URI;

/**
 * Where a workspace's code-server answers {@code /healthz}, and for HTTPS the certificate fingerprint pinned at its
 * first answer ({@code null}: none pinned yet, or plain HTTP).
 */
public record ProbeTarget(URI uri, String pinnedCertificate) {

    public ProbeTarget {
        if (uri == null || uri.getHost() == null) {
            throw new IllegalArgumentException("A probe target needs an absolute URI with a host");
        }
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }
}
