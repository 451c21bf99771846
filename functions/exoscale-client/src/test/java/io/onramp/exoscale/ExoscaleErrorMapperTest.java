package io.onramp.exoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onramp.core.error.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExoscaleErrorMapperTest {

    private static final String KEY = "EXOmapperkey1234567890abcd";
    private static final String SECRET = "mapper-secret-abcdefghijklmnopqrstuvwxyz012";
    private final ExoscaleErrorMapper mapper = new ExoscaleErrorMapper(ExoscaleCredentials.of(KEY, SECRET));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void extractsTheErrorTextFromEveryKnownShape() {
        assertEquals("Instance not found", ExoscaleErrorMapper.extractMessage(b("{\"message\":\"Instance not found\"}")));
        assertEquals("Rate limit exceeded",
                ExoscaleErrorMapper.extractMessage(b("{\"error\":\"Rate limit exceeded\",\"retry_after\":3}")));
        assertEquals("disk too small", ExoscaleErrorMapper.extractMessage(
                b("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"disk too small\"}")));
        assertEquals("Bad Request", ExoscaleErrorMapper.extractMessage(b("{\"title\":\"Bad Request\",\"status\":400}")));
        assertEquals("upstream connect error", ExoscaleErrorMapper.extractMessage(b("upstream connect error\n")));
        assertEquals("no details", ExoscaleErrorMapper.extractMessage(new byte[0]));
        assertEquals("{\"foo\":1}", ExoscaleErrorMapper.extractMessage(b("{\"foo\":1}")));
        assertEquals(303, ExoscaleErrorMapper.extractMessage(b("x".repeat(1000))).length());
    }

    @Test
    void mapsStatusesToCodes() {
        assertEquals(ErrorCode.BAD_USER_INPUT, mapper.fromResponse("c", 400, null, null).code());
        assertEquals(ErrorCode.BAD_USER_INPUT, mapper.fromResponse("c", 422, null, null).code());
        assertEquals(ErrorCode.UNAVAILABLE, mapper.fromResponse("c", 401, null, null).code());
        assertEquals(ErrorCode.UNAVAILABLE, mapper.fromResponse("c", 403, null, null).code());
        assertEquals(ErrorCode.NOT_FOUND, mapper.fromResponse("c", 404, null, null).code());
        assertEquals(ErrorCode.CONFLICT, mapper.fromResponse("c", 409, null, null).code());
        assertEquals(ErrorCode.UNAVAILABLE, mapper.fromResponse("c", 429, null, Duration.ofSeconds(9)).code());
        assertEquals(ErrorCode.UNAVAILABLE, mapper.fromResponse("c", 500, null, null).code());
        assertEquals(ErrorCode.UNAVAILABLE, mapper.fromResponse("c", 503, null, null).code());
        assertEquals(ErrorCode.INTERNAL, mapper.fromResponse("c", 501, null, null).code());
        assertEquals(ErrorCode.INTERNAL, mapper.fromResponse("c", 405, null, null).code());
        assertEquals(ErrorCode.QUOTA_EXCEEDED,
                mapper.fromResponse("c", 403, b("{\"message\":\"Quota exceeded for instances\"}"), null).code());
    }

    @Test
    void credentialErrorsNameTheSettings() {
        ExoscaleApiException e = mapper.fromResponse("GET /instance in zone ch-gva-2", 403,
                b("{\"message\":\"Invalid request signature\"}"), null);
        assertTrue(e.getMessage().startsWith(
                "Exoscale rejected the API credentials: check EXOSCALE_API_KEY and EXOSCALE_API_SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid request signature"));
        assertFalse(e.isTransient());
    }

    @Test
    void flagsTransientAndAmbiguousFailures() {
        ExoscaleApiException limited = mapper.fromResponse("c", 429, null, Duration.ofSeconds(9));
        assertTrue(limited.isTransient());
        assertFalse(limited.outcomeUnknown());
        assertTrue(limited.getMessage().contains("try again in 9 s"));
        ExoscaleApiException server = mapper.fromResponse("c", 502, null, null);
        assertTrue(server.isTransient());
        assertTrue(server.outcomeUnknown());
        ExoscaleApiException refused = mapper.fromConnectionFailure("c", "api-ch-gva-2.exoscale.com",
                new ConnectException("Connection refused"));
        assertEquals(ErrorCode.UNAVAILABLE, refused.code());
        assertFalse(refused.outcomeUnknown());
        assertEquals("Could not reach the Exoscale API at api-ch-gva-2.exoscale.com (c): connection refused",
                refused.getMessage());
        ExoscaleApiException timeout = mapper.fromConnectionFailure("c", "h", new HttpTimeoutException("timed out"));
        assertTrue(timeout.outcomeUnknown());
        assertTrue(mapper.fromConnectionFailure("c", "h", new IOException("EOF")).outcomeUnknown());
    }

    @Test
    void redactsCredentialsEchoedByTheServer() {
        ExoscaleApiException e = mapper.fromResponse("c", 400,
                b("{\"message\":\"bad key " + KEY + " with secret " + SECRET + "\"}"), null);
        assertFalse(e.getMessage().contains(KEY));
        assertFalse(e.getMessage().contains(SECRET));
        assertTrue(e.getMessage().contains("<redacted>"));
    }

    @Test
    void mapsOperationFailures() {
        Operation failed = new Operation("op-1", Operation.State.FAILURE, "conflict", "busy",
                new Operation.Reference("i-1", "/v2/instance/i-1", "get-instance"));
        ExoscaleOperationException e = mapper.fromOperation("ch-gva-2", failed);
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("Exoscale operation op-1 (/v2/instance/i-1) in zone ch-gva-2 ended in state failure"
                + " (reason: conflict): busy", e.getMessage());
        assertEquals(failed, e.operation());
        assertEquals(ErrorCode.UNAVAILABLE, mapper.fromOperation("z",
                new Operation("op", Operation.State.TIMEOUT, null, null, null)).code());
        assertEquals(ErrorCode.BAD_USER_INPUT, mapper.fromOperation("z",
                new Operation("op", Operation.State.FAILURE, "incorrect", null, null)).code());
    }
}
