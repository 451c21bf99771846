package io.onramp.edge.auth;

/** Which HTTP paths are which kind of entry point. */
public final class EntryPoints {

    public static final String GRAPHQL = "/graphql";

    private EntryPoints() {
    }

    /** Health, metrics and the GraphiQL page: open, they carry no workspace data. */
    public static boolean isOpenInfrastructure(String path) {
        return path.equals("/q") || path.startsWith("/q/");
    }

    /** Webhook receivers check their own credentials (Coder sends HTTP Basic, not a JWT). */
    public static boolean isSeparatelyAuthenticated(String path) {
        return path.startsWith("/hooks/");
    }

    /** The routes {@code onramp-check} calls from inside a workspace: the only ones a workspace token may use. */
    public static final String WORKSPACE_ROUTES = "/workspace/";

    public static boolean isWorkspaceRoute(String path) {
        return path.startsWith(WORKSPACE_ROUTES);
    }

    public static boolean isGraphQL(String path) {
        return path.equals(GRAPHQL) || path.equals(GRAPHQL + "/");
    }

    /** Anonymous requests may reach GraphQL (where only {@code about} answers them) and the about function. */
    public static boolean allowsAnonymous(String path) {
        return isGraphQL(path) || path.equals("/about");
    }

    /** The scheduler's entry ({@code runDuty}): also open to service identities on the gateway (its own duties). */
    public static boolean isDutyRoute(String path) {
        return path.equals("/runDuty");
    }
}
