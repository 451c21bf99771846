package io.onramp.exoscale;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with {@code EXO2-HMAC-SHA256} (Exoscale "API Request Signature"; reference implementations
 * egoscale {@code signRequest} and requests-exoscale-auth). The message is five lines joined by {@code \n} without
 * a trailing one: {@code METHOD + " " + raw path} (including {@code /v2}), the body bytes exactly as sent, the
 * decoded values of the single-valued non-empty query parameters concatenated in byte-wise order of their names,
 * an empty line (header values) and the expiry in UNIX seconds. The signature is the standard Base64 of
 * HMAC-SHA256 keyed with the secret. Sign each attempt anew: the expiry is {@code now + validity} (600 s).
 */
public class RequestSigner {

    public static final String SCHEME = "EXO2-HMAC-SHA256";
    public static final Duration DEFAULT_VALIDITY = Duration.ofSeconds(600);

    private final ExoscaleCredentials credentials;
    private final Clock clock;
    private final Duration validity;

    public RequestSigner(ExoscaleCredentials credentials, Clock clock) {
        this(credentials, clock, DEFAULT_VALIDITY);
    }

    public RequestSigner(ExoscaleCredentials credentials, Clock clock, Duration validity) {
        this.credentials = credentials;
        this.clock = clock;
        this.validity = validity;
    }

    /** The {@code Authorization} header value for a request, expiring {@code validity} from now. */
    public String authorization(String method, URI uri, byte[] body) {
        return authorization(method, uri, body, clock.instant().plus(validity).getEpochSecond());
    }

    /** The {@code Authorization} header value for a request with an explicit expiry (UNIX seconds). */
    public String authorization(String method, URI uri, byte[] body, long expires) {
        SignedQuery query = signedQuery(uri.getRawQuery());
        byte[] message = message(method, uri.getRawPath(), body, query.values(), expires);
        String signature = Base64.getEncoder().encodeToString(hmac(message));
        StringBuilder header = new StringBuilder(SCHEME).append(" credential=").append(credentials.key());
        if (!query.names().isEmpty()) {
            header.append(",signed-query-args=").append(String.join(";", query.names()));
        }
        return header.append(",expires=").append(expires).append(",signature=").append(signature).toString();
    }

    /** Names (sorted byte-wise) and concatenated values of the query parameters that get signed. */
    record SignedQuery(List<String> names, String values) {
    }

    static SignedQuery signedQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        List<String> names = new ArrayList<>();
        params.forEach((name, values) -> {
            if (values.size() == 1 && !values.get(0).isEmpty()) {
                names.add(name);
            }
        });
        names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        StringBuilder values = new StringBuilder();
        names.forEach(n -> values.append(params.get(n).get(0)));
        return new SignedQuery(List.copyOf(names), values.toString());
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The exact bytes that get signed. */
    static byte[] message(String method, String rawPath, byte[] body, String queryValues, long expires) {
        byte[] head = (method + " " + rawPath + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\n" + queryValues + "\n" + "\n" + expires).getBytes(StandardCharsets.UTF_8);
        byte[] payload = body == null ? new byte[0] : body;
        byte[] out = new byte[head.length + payload.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        System.arraycopy(tail, 0, out, head.length + payload.length, tail.length);
        return out;
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "RequestSigner[" + SCHEME + ", validity=" + validity + "]";
    }
}
