package io.onramp.exoscale;

import io.onramp.core.error.OnrampException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where the API lives: a base URL template in which {@code {zone}} is replaced per call, by default
 * {@code https://api-{zone}.exoscale.com/v2}. The simulator uses {@code http://127.0.0.1:<port>/{zone}/v2}.
 * Zones are checked against the list the API documents ({@code zone-name}).
 */
public final class ExoscaleEndpoint {

    public static final String DEFAULT_TEMPLATE = "https://api-{zone}.exoscale.com/v2";
    public static final String DEFAULT_ZONE = "ch-gva-2";
    /** {@code servers[0].variables.zone.enum} of the official OpenAPI document. */
    public static final List<String> ZONES =
            List.of("at-vie-1", "at-vie-2", "bg-sof-1", "ch-dk-2", "ch-gva-2", "de-fra-1", "de-muc-1", "hr-zag-1");

    private final String template;

    private ExoscaleEndpoint(String template) {
        this.template = template;
    }

    public static ExoscaleEndpoint defaultEndpoint() {
        return new ExoscaleEndpoint(DEFAULT_TEMPLATE);
    }

    /** An endpoint from a template such as {@code https://api-{zone}.exoscale.com/v2} (trailing slash ignored). */
    public static ExoscaleEndpoint of(String template) {
        if (template == null || template.isBlank()) {
            return defaultEndpoint();
        }
        String t = template.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        URI probe;
        try {
            probe = URI.create(t.replace("{zone}", DEFAULT_ZONE));
        } catch (IllegalArgumentException e) {
            throw OnrampException.badInput("The Exoscale endpoint is not a valid URL: check ONRAMP_EXOSCALE_ENDPOINT");
        }
        if (!("https".equals(probe.getScheme()) || "http".equals(probe.getScheme())) || probe.getHost() == null
                || probe.getRawQuery() != null || probe.getRawFragment() != null) {
            throw OnrampException.badInput(
                    "The Exoscale endpoint must be an http(s) URL without query: check ONRAMP_EXOSCALE_ENDPOINT");
        }
        return new ExoscaleEndpoint(t);
    }

    public String template() {
        return template;
    }

    /** The zone, if it is one of {@link #ZONES}; otherwise a BAD_USER_INPUT error. */
    public static String requireZone(String zone) {
        if (zone == null || !ZONES.contains(zone)) {
            throw OnrampException.badInput("Unknown Exoscale zone '" + zone + "'; known zones: " + String.join(", ", ZONES));
        }
        return zone;
    }

    /** The base URL of {@code zone}. */
    public URI base(String zone) {
        return URI.create(template.replace("{zone}", requireZone(zone)));
    }

    /** host[:port] of {@code zone}, for messages. */
    public String host(String zone) {
        URI base = base(zone);
        return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
    }

    /**
     * The URL of {@code path} (below {@code /v2}, starting with {@code /}, already made of safe segments) with the
     * given query parameters, which must be single-valued and non-empty: those are the only ones the signature
     * can cover unambiguously.
     */
    public URI uri(String zone, String path, Map<String, String> query) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        StringBuilder url = new StringBuilder(base(zone).toString()).append(path);
        if (query != null && !query.isEmpty()) {
            StringJoiner q = new StringJoiner("&");
            query.forEach((name, value) -> {
                if (name == null || name.isEmpty() || value == null || value.isEmpty()) {
                    throw new IllegalArgumentException("query parameters must have a name and a non-empty value");
                }
                q.add(encode(name) + "=" + encode(value));
            });
            url.append('?').append(q);
        }
        return URI.create(url.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "ExoscaleEndpoint[" + template + "]";
    }
}
