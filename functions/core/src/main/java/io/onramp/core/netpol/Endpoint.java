package io.onramp.core.netpol;

import java.util.Objects;

/**
 * One end of a connection: a pod of the model (referenced by namespace and name; its labels, IPs and ports come from
 * the model), or an endpoint outside the pod network identified by IP: an external host or a node.
 *
 * @param namespace the pod's namespace; null for externals and nodes
 * @param name pod name, or a display name for externals and nodes
 * @param ip null for pods (the model knows their IPs)
 */
public record Endpoint(Kind kind, String namespace, String name, String ip) {

    public enum Kind {
        /** A pod of the model. */
        POD,
        /** Anything outside the pod network: internet hosts, the metadata service, the API server endpoint. */
        EXTERNAL,
        /** A cluster node; a pod's own node is matched by name ({@code spec.nodeName}) or IP ({@code status.hostIP}). */
        NODE
    }

    public Endpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.POD) {
            Objects.requireNonNull(namespace, "namespace");
            if (ip != null) {
                throw new IllegalArgumentException("pod endpoints take their IP from the model");
            }
        } else {
            Objects.requireNonNull(ip, "ip");
            Cidr.parseAddress(ip);
            if (namespace != null) {
                throw new IllegalArgumentException("only pods have a namespace");
            }
        }
    }

    public static Endpoint pod(String namespace, String name) {
        return new Endpoint(Kind.POD, namespace, name, null);
    }

    /** An external endpoint, e.g. {@code external("internet", "1.1.1.1")}, {@code external("metadata", "169.254.169.254")}. */
    public static Endpoint external(String name, String ip) {
        return new Endpoint(Kind.EXTERNAL, null, name, ip);
    }

    public static Endpoint node(String name, String ip) {
        return new Endpoint(Kind.NODE, null, name, ip);
    }

    public boolean isPod() {
        return kind == Kind.POD;
    }

    /** {@code ns/pod} for pods, {@code name(ip)} otherwise. */
    @Override
    public String toString() {
        return isPod() ? namespace + "/" + name : name + "(" + ip + ")";
    }
}
