package io.onramp.exoscale;

import io.onramp.core.error.OnrampException;
import java.util.Map;

/**
 * An Exoscale API key and secret. Neither ever leaves this object except into the request signature:
 * {@link #toString()} shows neither, there is no public accessor, and {@link #redact(String)} scrubs both from
 * any text (used on every error message as a second line of defence).
 */
public final class ExoscaleCredentials {

    public static final String KEY_VARIABLE = "EXOSCALE_API_KEY";
    public static final String SECRET_VARIABLE = "EXOSCALE_API_SECRET";
    private static final String REDACTED = "<redacted>";

    private final String key;
    private final String secret;

    private ExoscaleCredentials(String key, String secret) {
        this.key = key;
        this.secret = secret;
    }

    /** Credentials from explicit values; both must be non-blank. */
    public static ExoscaleCredentials of(String apiKey, String apiSecret) {
        if (apiKey == null || apiKey.isBlank()) {
            throw OnrampException.badInput("The Exoscale API key is missing: set " + KEY_VARIABLE);
        }
        if (apiSecret == null || apiSecret.isBlank()) {
            throw OnrampException.badInput("The Exoscale API secret is missing: set " + SECRET_VARIABLE);
        }
        return new ExoscaleCredentials(apiKey.strip(), apiSecret.strip());
    }

    /** Credentials from {@code EXOSCALE_API_KEY} / {@code EXOSCALE_API_SECRET} of the process environment. */
    public static ExoscaleCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Credentials from {@code EXOSCALE_API_KEY} / {@code EXOSCALE_API_SECRET} of {@code env}. */
    public static ExoscaleCredentials fromEnvironment(Map<String, String> env) {
        return of(env.get(KEY_VARIABLE), env.get(SECRET_VARIABLE));
    }

    String key() {
        return key;
    }

    String secret() {
        return secret;
    }

    /** {@code text} with every occurrence of the key and the secret replaced by {@code <redacted>}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(secret, REDACTED).replace(key, REDACTED);
    }

    @Override
    public String toString() {
        return "ExoscaleCredentials[key=" + REDACTED + ", secret=" + REDACTED + "]";
    }
}
