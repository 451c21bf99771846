package io.onramp.exoscale.simulator;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server side of {@code EXO2-HMAC-SHA256}, written independently of the client's signer so that one cannot hide a
 * bug of the other. It rebuilds the message from what arrived on the wire (method, raw path, raw body bytes, the
 * values of the query parameters named in {@code signed-query-args}, an empty header line, {@code expires}) and
 * compares the HMAC in constant time.
 *
 * <p>Stricter than needed on purpose: every single-valued non-empty query parameter must be covered by
 * {@code signed-query-args} (an unsigned parameter could be tampered with), and each named parameter must occur
 * exactly once.
 */
public final class SignatureVerifier {

    static final String SCHEME = "EXO2-HMAC-SHA256";

    /** Outcome of a verification; everything but {@link #VALID} is answered with 403. */
    public enum Verdict { VALID, MISSING, MALFORMED, UNKNOWN_KEY, EXPIRED, BAD_SIGNATURE }

    private final Map<String, byte[]> secretsByKey = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignatureVerifier(Clock clock) {
        this.clock = clock;
    }

    public void addKey(String apiKey, String apiSecret) {
        if (apiKey == null || apiKey.isBlank() || apiSecret == null || apiSecret.isEmpty()) {
            throw new IllegalArgumentException("an API key and secret are required");
        }
        secretsByKey.put(apiKey, apiSecret.getBytes(StandardCharsets.UTF_8));
    }

    public void removeKey(String apiKey) {
        secretsByKey.remove(apiKey);
    }

    public Verdict verify(String method, String rawPath, String rawQuery, byte[] body, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Verdict.MISSING;
        }
        if (!authorization.startsWith(SCHEME + " ")) {
            return Verdict.MALFORMED;
        }
        Map<String, String> pragmas = new HashMap<>();
        for (String part : authorization.substring(SCHEME.length() + 1).split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Verdict.MALFORMED;
            }
            String name = part.substring(0, eq);
            if (!List.of("credential", "signed-query-args", "expires", "signature").contains(name)
                    || pragmas.put(name, part.substring(eq + 1)) != null) {
                return Verdict.MALFORMED;
            }
        }
        String credential = pragmas.get("credential");
        String expiresText = pragmas.get("expires");
        String signature = pragmas.get("signature");
        if (credential == null || expiresText == null || signature == null) {
            return Verdict.MALFORMED;
        }
        long expires;
        try {
            expires = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        byte[] secret = secretsByKey.get(credential);
        if (secret == null) {
            return Verdict.UNKNOWN_KEY;
        }
        if (expires <= clock.instant().getEpochSecond()) {
            return Verdict.EXPIRED;
        }
        Map<String, List<String>> query = parseQuery(rawQuery);
        List<String> signedNames = pragmas.containsKey("signed-query-args")
                ? List.of(pragmas.get("signed-query-args").split(";", -1))
                : List.of();
        StringBuilder values = new StringBuilder();
        for (String name : signedNames) {
            List<String> v = query.get(name);
            if (v == null || v.size() != 1) {
                return Verdict.BAD_SIGNATURE;
            }
            values.append(v.get(0));
        }
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            boolean signable = e.getValue().size() == 1 && !e.getValue().get(0).isEmpty();
            if (signable && !signedNames.contains(e.getKey())) {
                return Verdict.BAD_SIGNATURE;
            }
        }
        byte[] expected = hmac(secret, message(method, rawPath, body, values.toString(), expires));
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    /** The bytes that get signed: five lines joined by LF, no trailing LF. */
    static byte[] message(String method, String rawPath, byte[] body, String queryValues, long expires) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + ' ' + rawPath).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        if (body != null) {
            out.writeBytes(body);
        }
        out.write('\n');
        out.writeBytes(queryValues.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        // header values: none, empty line
        out.write('\n');
        out.writeBytes(Long.toString(expires).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Decoded query parameters in order of appearance; a parameter without {@code =} has the empty value. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SignatureVerifier[" + secretsByKey.size() + " key(s)]";
    }
}
