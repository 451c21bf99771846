package io.onramp.exoscale.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onramp.exoscale.simulator.SignatureVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    // Test vector V1 (egoscale v2/api/security_test.go, requests-exoscale-auth tests)
    static final String V1_KEY = "EXO" + "x".repeat(24);
    static final String V1_SECRET = "X".repeat(43);
    static final String V1_AUTH = "EXO2-HMAC-SHA256 credential=EXOxxxxxxxxxxxxxxxxxxxxxxxx,expires=3376684800,"
            + "signature=Ntbq/p0HVmA3Zg1HHY+Lq1vjFGi7HeMrrgXDS5jRNlY=";

    private final SimulatedClock clock = SimulatedClock.frozenAt(Instant.parse("2025-01-01T00:00:00Z"));
    private final SignatureVerifier verifier = new SignatureVerifier(clock);

    SignatureVerifierTest() {
        verifier.addKey(V1_KEY, V1_SECRET);
    }

    @Test
    void acceptsTestVectorV1() {
        assertEquals(Verdict.VALID, verifier.verify("GET", "/v2/zone", null, new byte[0], V1_AUTH));
    }

    @Test
    void v1MessageIsFiveLines() {
        assertEquals("GET /v2/zone\n\n\n\n3376684800",
                new String(SignatureVerifier.message("GET", "/v2/zone", null, "", 3376684800L), StandardCharsets.UTF_8));
    }

    @Test
    void documentedMessagesWithQueryAndBody() {
        assertEquals("GET /v2/resource/a02baf5a-a3e4-49a0-857b-8a08d276c1c0\n\nv1v2\n\n1599140767",
                new String(SignatureVerifier.message("GET", "/v2/resource/a02baf5a-a3e4-49a0-857b-8a08d276c1c0",
                        null, "v1v2", 1599140767L), StandardCharsets.UTF_8));
        assertEquals("POST /v2/security-group\n{\"name\": \"my-security-group\"}\n\n\n1599140767",
                new String(SignatureVerifier.message("POST", "/v2/security-group",
                        "{\"name\": \"my-security-group\"}".getBytes(StandardCharsets.UTF_8), "", 1599140767L),
                        StandardCharsets.UTF_8));
    }

    @Test
    void rejectsTamperedSignaturePathOrBody() {
        String tampered = V1_AUTH.replace("signature=Ntbq", "signature=Ntbr");
        assertEquals(Verdict.BAD_SIGNATURE, verifier.verify("GET", "/v2/zone", null, new byte[0], tampered));
        assertEquals(Verdict.BAD_SIGNATURE, verifier.verify("GET", "/v2/zones", null, new byte[0], V1_AUTH));
        assertEquals(Verdict.BAD_SIGNATURE, verifier.verify("POST", "/v2/zone", null, new byte[0], V1_AUTH));
        assertEquals(Verdict.BAD_SIGNATURE, verifier.verify("GET", "/v2/zone", null, "{}".getBytes(), V1_AUTH));
    }

    @Test
    void rejectsExpiredUnknownMissingAndMalformed() {
        clock.advance(java.time.Duration.between(clock.instant(), Instant.ofEpochSecond(3376684800L)));
        assertEquals(Verdict.EXPIRED, verifier.verify("GET", "/v2/zone", null, new byte[0], V1_AUTH));
        SignatureVerifier other = new SignatureVerifier(SimulatedClock.frozenAt(Instant.EPOCH));
        other.addKey("EXOother", V1_SECRET);
        assertEquals(Verdict.UNKNOWN_KEY, other.verify("GET", "/v2/zone", null, new byte[0], V1_AUTH));
        assertEquals(Verdict.MISSING, verifier.verify("GET", "/v2/zone", null, new byte[0], null));
        assertEquals(Verdict.MALFORMED, verifier.verify("GET", "/v2/zone", null, new byte[0],
                V1_AUTH.replace("EXO2-HMAC-SHA256", "EXO1-HMAC-SHA256")));
        assertEquals(Verdict.MALFORMED, verifier.verify("GET", "/v2/zone", null, new byte[0],
                V1_AUTH + ",expires=1"));
        assertEquals(Verdict.MALFORMED, verifier.verify("GET", "/v2/zone", null, new byte[0],
                V1_AUTH.replace("expires=3376684800", "expires=soon")));
    }

    @Test
    void checksSignedQueryArgs() {
        long expires = clock.instant().getEpochSecond() + 600;
        byte[] msg = SignatureVerifier.message("GET", "/v2/template", null, "ubuntupublic", expires);
        String sig = Base64.getEncoder().encodeToString(
                SignatureVerifier.hmac(V1_SECRET.getBytes(StandardCharsets.UTF_8), msg));
        String auth = "EXO2-HMAC-SHA256 credential=" + V1_KEY + ",signed-query-args=family;visibility,expires="
                + expires + ",signature=" + sig;
        assertEquals(Verdict.VALID,
                verifier.verify("GET", "/v2/template", "visibility=public&family=ubuntu", null, auth));
        assertEquals(Verdict.BAD_SIGNATURE,
                verifier.verify("GET", "/v2/template", "visibility=private&family=ubuntu", null, auth));
        // a parameter that is not covered by signed-query-args is refused
        assertEquals(Verdict.BAD_SIGNATURE,
                verifier.verify("GET", "/v2/template", "visibility=public&family=ubuntu&extra=1", null, auth));
        // empty parameters cannot be signed and are tolerated
        assertEquals(Verdict.VALID,
                verifier.verify("GET", "/v2/template", "visibility=public&family=ubuntu&empty=", null, auth));
    }
}
