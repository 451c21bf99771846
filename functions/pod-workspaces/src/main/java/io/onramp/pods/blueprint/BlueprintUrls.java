package io.onramp.pods.blueprint;

/** Where a workspace's IDE is reached. */
public final class BlueprintUrls {

    private BlueprintUrls() {
    }

    /**
     * The workspace URL: {@code https://<host>} when TLS is configured, else {@code http://<host>}; {@code null} for
     * {@link Ide#NONE} (Coder owns the URL then).
     */
    public static String url(BlueprintInput input, PodsConfig config) {
        if (input.ide() != Ide.CODE_SERVER) {
            return null;
        }
        return (config.ingress().tls() ? "https://" : "http://") + host(input, config);
    }

    /**
     * The IDE host: the configured pattern with {@code {user}} replaced by {@link NamespaceNames#userPart} of the
     * owner and {@code {namespace}} by the namespace.
     */
    public static String host(BlueprintInput input, PodsConfig config) {
        return host(config.ingress().hostPattern(), NamespaceNames.userPart(input.owner()), input.namespace());
    }

    static String host(String pattern, String user, String namespace) {
        return pattern.replace("{user}", user).replace("{namespace}", namespace == null ? "" : namespace);
    }
}
