package io.onramp.exoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials, endpoint, request and response value types. */
class ValueTypesTest {

    private static final String KEY = "EXOvaluetypes0123456789abc";
    private static final String SECRET = "value-types-secret-0123456789abcdefghijklm";

    @Test
    void credentialsNeverShowThemselves() {
        ExoscaleCredentials c = ExoscaleCredentials.of(KEY, SECRET);
        assertEquals("ExoscaleCredentials[key=<redacted>, secret=<redacted>]", c.toString());
        assertEquals("k=<redacted> s=<redacted>", c.redact("k=" + KEY + " s=" + SECRET));
        OnrampException missing = assertThrows(OnrampException.class,
                () -> ExoscaleCredentials.fromEnvironment(Map.of("EXOSCALE_API_KEY", KEY)));
        assertEquals(ErrorCode.BAD_USER_INPUT, missing.code());
        assertTrue(missing.getMessage().contains("EXOSCALE_API_SECRET"));
        assertFalse(missing.getMessage().contains(KEY));
        assertEquals(c.toString(), ExoscaleCredentials.fromEnvironment(
                Map.of("EXOSCALE_API_KEY", KEY, "EXOSCALE_API_SECRET", SECRET)).toString());
    }

    @Test
    void endpointSubstitutesAndValidatesZones() {
        ExoscaleEndpoint def = ExoscaleEndpoint.defaultEndpoint();
        assertEquals(URI.create("https://api-de-fra-1.exoscale.com/v2"), def.base("de-fra-1"));
        assertEquals("api-ch-dk-2.exoscale.com", def.host("ch-dk-2"));
        assertEquals(URI.create("https://api-ch-gva-2.exoscale.com/v2/template?visibility=public&family=a%20b"),
                def.uri("ch-gva-2", "/template", new LinkedHashMap<>(Map.of("visibility", "public")) {
                    {
                        put("family", "a b");
                    }
                }));
        OnrampException unknown = assertThrows(OnrampException.class, () -> def.base("us-east-1"));
        assertEquals(ErrorCode.BAD_USER_INPUT, unknown.code());
        assertTrue(unknown.getMessage().contains("ch-gva-2"));
        ExoscaleEndpoint sim = ExoscaleEndpoint.of("http://127.0.0.1:8089/{zone}/v2/");
        assertEquals(URI.create("http://127.0.0.1:8089/at-vie-1/v2/instance"), sim.uri("at-vie-1", "/instance", null));
        assertEquals("127.0.0.1:8089", sim.host("at-vie-1"));
        assertEquals(ErrorCode.BAD_USER_INPUT,
                assertThrows(OnrampException.class, () -> ExoscaleEndpoint.of("ftp://x/{zone}")).code());
        assertThrows(IllegalArgumentException.class, () -> def.uri("ch-gva-2", "/x", Map.of("a", "")));
        assertEquals(8, ExoscaleEndpoint.ZONES.size());
    }

    @Test
    void createInstanceRequestIsCheckedAndSerialisedLikeTheApiWants() throws Exception {
        CreateInstanceRequest r = CreateInstanceRequest.builder().name("ws-1").instanceTypeId("t").templateId("tpl")
                .diskSizeGiB(20).sshKey("alice").securityGroupId("sg-1").userData("#cloud-config\ntoken: s3cr3t\n")
                .label("team", "a").build();
        String json = new ObjectMapper().writeValueAsString(r.toBody());
        assertEquals("{\"name\":\"ws-1\",\"instance-type\":{\"id\":\"t\"},\"template\":{\"id\":\"tpl\"},\"disk-size\":20,"
                + "\"ssh-keys\":[{\"name\":\"alice\"}],\"security-groups\":[{\"id\":\"sg-1\"}],"
                + "\"user-data\":\"I2Nsb3VkLWNvbmZpZwp0b2tlbjogczNjcjN0Cg==\",\"labels\":{\"team\":\"a\"},"
                + "\"public-ip-assignment\":\"inet4\"}", json);
        assertFalse(r.toString().contains("I2Nsb3Vk"));
        assertEquals("b", r.withLabel("team", "b").labels().get("team"));
        CreateInstanceRequest.Builder base = CreateInstanceRequest.builder().name("n").instanceTypeId("t").templateId("x");
        assertEquals(ErrorCode.BAD_USER_INPUT, assertThrows(OnrampException.class, () -> base.diskSizeGiB(5).build()).code());
        assertThrows(OnrampException.class, () -> base.diskSizeGiB(51201).build());
        base.diskSizeGiB(10).build();
        assertThrows(OnrampException.class, () -> base.userDataBase64("a".repeat(32769)).build());
        base.userDataBase64("a".repeat(32768)).build();
        assertThrows(OnrampException.class, () -> base.publicIpAssignment("ipv4").build());
        assertThrows(OnrampException.class, () -> CreateInstanceRequest.builder().instanceTypeId("t").templateId("x").build());
    }

    @Test
    void responseRecordsReadTheApiShapes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Instance i = json.readValue("{\"id\":\"i\",\"name\":\"n\",\"state\":\"hibernating\",\"created-at\":"
                + "\"2024-06-15T10:00:00+02:00\",\"instance-type\":{\"id\":\"t\"},\"user-data\":\"c2VjcmV0\","
                + "\"labels\":{\"onramp.io/workspace-id\":\"ws\"},\"unknown-field\":1}", Instance.class);
        assertEquals(InstanceState.UNKNOWN, i.state());
        assertEquals("2024-06-15T08:00:00Z", i.createdAt().toString());
        assertEquals("ws", i.workspaceId());
        assertFalse(i.toString().contains("c2VjcmV0"));
        assertEquals(List.of(), i.sshKeys());
        Operation op = json.readValue("{\"id\":\"o\",\"state\":\"success\",\"reference\":{\"id\":\"r\"}}", Operation.class);
        assertTrue(op.isSuccess());
        assertEquals("r", op.referenceId());
        assertTrue(InstanceState.STOPPING.isTransitional());
        assertTrue(InstanceState.DESTROYING.isGoingAway());
        assertEquals("standard.medium", new InstanceType("i", "standard", "medium", 2, 1L, null, true, null).name());
    }

    @Test
    void securityGroupRulesAreChecked() {
        SecurityGroupRule.ingressTcp(22, "0.0.0.0/0", "ssh").validate();
        assertThrows(OnrampException.class, () -> SecurityGroupRule.ingressTcp(0, "0.0.0.0/0", null).validate());
        assertThrows(OnrampException.class, () -> SecurityGroupRule.ingress("sctp", 1, 2, "0.0.0.0/0", null).validate());
        assertThrows(OnrampException.class, () -> SecurityGroupRule.ingress("tcp", 9, 2, "0.0.0.0/0", null).validate());
        assertThrows(OnrampException.class, () -> new SecurityGroupRule(null, "ingress", "tcp", 22, 22, "0.0.0.0/0",
                new SecurityGroupRule.GroupRef("g", null, null), null, null).validate());
        assertTrue(SecurityGroupRule.ingressTcp(22, "0.0.0.0/0", "a").sameTrafficAs(
                SecurityGroupRule.ingressTcp(22, "0.0.0.0/0", "b")));
    }
}
