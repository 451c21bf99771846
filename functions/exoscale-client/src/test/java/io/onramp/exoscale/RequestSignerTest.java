package io.onramp.exoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    // Test vector V1: egoscale v2/api/security_test.go and requests-exoscale-auth tests/test_exoscale_auth.py
    static final ExoscaleCredentials V1 = ExoscaleCredentials.of("EXO" + "x".repeat(24), "X".repeat(43));
    static final long V1_EXPIRES = 3376684800L; // 2077-01-01T00:00:00Z

    private static RequestSigner signerAt(long epochSecond) {
        return new RequestSigner(V1, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void reproducesTestVectorV1() {
        String header = signerAt(V1_EXPIRES - 600).authorization("GET", URI.create("https://api.exoscale.com/v2/zone"), null);
        assertEquals("EXO2-HMAC-SHA256 credential=EXOxxxxxxxxxxxxxxxxxxxxxxxx,expires=3376684800,"
                + "signature=Ntbq/p0HVmA3Zg1HHY+Lq1vjFGi7HeMrrgXDS5jRNlY=", header);
        assertEquals("GET /v2/zone\n\n\n\n3376684800", new String(
                RequestSigner.message("GET", "/v2/zone", null, "", V1_EXPIRES), StandardCharsets.UTF_8));
    }

    @Test
    void expiresTenMinutesAfterTheClock() {
        assertEquals(new RequestSigner(V1, Clock.fixed(Instant.ofEpochSecond(V1_EXPIRES - 600), ZoneOffset.UTC))
                        .authorization("GET", URI.create("https://api.exoscale.com/v2/zone"), null),
                signerAt(V1_EXPIRES - 600).authorization("GET", URI.create("https://api.exoscale.com/v2/zone"), new byte[0],
                        V1_EXPIRES));
    }

    @Test
    void signsQueryArgumentsLikeTheDocumentedExample() {
        URI uri = URI.create("https://api-ch-gva-2.exoscale.com/v2/resource/a02baf5a-a3e4-49a0-857b-8a08d276c1c0?p1=v1&p2=v2");
        RequestSigner.SignedQuery q = RequestSigner.signedQuery(uri.getRawQuery());
        assertEquals(List.of("p1", "p2"), q.names());
        assertEquals("GET /v2/resource/a02baf5a-a3e4-49a0-857b-8a08d276c1c0\n\nv1v2\n\n1599140767",
                new String(RequestSigner.message("GET", uri.getRawPath(), null, q.values(), 1599140767L),
                        StandardCharsets.UTF_8));
        String header = signerAt(0).authorization("GET", uri, null, 1599140767L);
        assertTrue(header.startsWith("EXO2-HMAC-SHA256 credential=EXOxxxxxxxxxxxxxxxxxxxxxxxx,signed-query-args=p1;p2,"
                + "expires=1599140767,signature="), header);
        // the order in the URL does not matter, names are sorted
        assertEquals(header, signerAt(0).authorization("GET",
                URI.create("https://x/v2/resource/a02baf5a-a3e4-49a0-857b-8a08d276c1c0?p2=v2&p1=v1"), null, 1599140767L));
    }

    @Test
    void signsTheBodyAsSentLikeTheDocumentedExample() {
        byte[] body = "{\"name\": \"my-security-group\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("POST /v2/security-group\n{\"name\": \"my-security-group\"}\n\n\n1599140767",
                new String(RequestSigner.message("POST", "/v2/security-group", body, "", 1599140767L),
                        StandardCharsets.UTF_8));
        URI uri = URI.create("https://api-ch-gva-2.exoscale.com/v2/security-group");
        assertNotEquals(signerAt(0).authorization("POST", uri, body, 1599140767L),
                signerAt(0).authorization("POST", uri, "{\"name\":\"my-security-group\"}".getBytes(), 1599140767L));
    }

    @Test
    void keepsOnlySingleValuedNonEmptyParametersSortedBytewise() {
        RequestSigner.SignedQuery q = RequestSigner.signedQuery("b=2&a=1&c=3&c=4&e=&_=u&B=x&f%20g=h%26i");
        assertEquals(List.of("B", "_", "a", "b", "f g"), q.names());
        assertEquals("xu12h&i", q.values());
        assertEquals(List.of(), RequestSigner.signedQuery(null).names());
        String header = signerAt(0).authorization("GET", URI.create("https://x/v2/instance?c=1&c=2"), null, 1L);
        assertTrue(!header.contains("signed-query-args"), header);
    }

    @Test
    void signsTheRawPathIncludingColonsAndPrefix() {
        URI uri = URI.create("http://127.0.0.1:8089/ch-gva-2/v2/instance/a02baf5a-a3e4-49a0-857b-8a08d276c1c0:stop");
        assertEquals("/ch-gva-2/v2/instance/a02baf5a-a3e4-49a0-857b-8a08d276c1c0:stop", uri.getRawPath());
        assertNotEquals(signerAt(0).authorization("PUT", uri, null, 5L),
                signerAt(0).authorization("PUT", URI.create("http://h/v2/instance/a02baf5a-a3e4-49a0-857b-8a08d276c1c0:stop"),
                        null, 5L));
    }
}
