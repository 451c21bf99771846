package io.onramp.edge.service;

/** The HTTP conventions of a call from the gateway (or the scheduler) to a function service. */
public final class ServiceCalls {

    /**
     * The end user's own bearer token, forwarded by the gateway; {@code Authorization} carries the gateway's service
     * token. The function verifies both, and then acts exactly as the gateway would for that user.
     */
    public static final String CALLER_TOKEN = "X-Onramp-Caller-Token";

    /**
     * Set on a refusal of the service identity itself (not of the user): the gateway then answers UNAVAILABLE, since
     * the caller can do nothing about a misconfigured installation.
     */
    public static final String REFUSED = "X-Onramp-Refused";

    private ServiceCalls() {
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(String authorization) {
        if (authorization == null || authorization.length() <= 7 || !authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
