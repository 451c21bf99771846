package io.onramp.core.netpol;

import java.util.Locale;
import java.util.Set;

/**
 * A destination port and L4 protocol. Only TCP, UDP and SCTP are defined for NetworkPolicy; other protocols are
 * rejected rather than guessed (implementation-defined in Kubernetes).
 */
public record Probe(int port, String protocol) {

    static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    public Probe {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        protocol = normalise(protocol == null ? "TCP" : protocol);
    }

    public static Probe tcp(int port) {
        return new Probe(port, "TCP");
    }

    public static Probe udp(int port) {
        return new Probe(port, "UDP");
    }

    public static Probe sctp(int port) {
        return new Probe(port, "SCTP");
    }

    static String normalise(String protocol) {
        String p = protocol.toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(p)) {
            throw new IllegalArgumentException("protocol must be TCP, UDP or SCTP, was " + protocol);
        }
        return p;
    }

    /** {@code TCP/80} */
    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
