package io.onramp.exoscale.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_A = "11111111-2222-4333-8444-555555555555";
    private final SchemaValidator validator = SchemaValidator.bundled(JSON);

    private static ObjectNode validInstance() {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", "ws-1");
        body.putObject("instance-type").put("id", UUID_A);
        body.putObject("template").put("id", UUID_A);
        body.put("disk-size", 50);
        body.putObject("labels").put("onramp.io/workspace-id", "ws-1");
        body.put("public-ip-assignment", "inet4");
        body.putArray("ssh-keys").addObject().put("name", "alice");
        return body;
    }

    private List<String> instance(JsonNode body) {
        return validator.validateRequest("create-instance", body);
    }

    @Test
    void fragmentsCarryProvenance() throws Exception {
        try (var in = SchemaValidator.class.getResourceAsStream(SchemaValidator.RESOURCE)) {
            String provenance = JSON.readTree(in).get("x-provenance").asText();
            assertTrue(provenance.contains("github.com/exoscale/python-exoscale"));
            assertTrue(provenance.contains("@0875327"));
            assertTrue(provenance.contains("ISC"));
        }
    }

    @Test
    void acceptsAValidCreateInstanceBody() {
        assertEquals(List.of(), instance(validInstance()));
    }

    @Test
    void checksDiskSizeBounds() {
        assertEquals(List.of("disk-size: must be >= 10"), instance(validInstance().put("disk-size", 5)));
        assertEquals(List.of("disk-size: must be <= 51200"), instance(validInstance().put("disk-size", 51201)));
        assertEquals(List.of(), instance(validInstance().put("disk-size", 10)));
        assertEquals(List.of("disk-size: must be an integer"), instance(validInstance().put("disk-size", "50")));
    }

    @Test
    void checksRequiredFieldsTypesEnumsFormatsAndLengths() {
        ObjectNode missing = validInstance();
        missing.remove("template");
        assertEquals(List.of("template: is required"), instance(missing));
        assertEquals(List.of("public-ip-assignment: must be one of [\"dual\",\"inet4\",\"none\"]"),
                instance(validInstance().put("public-ip-assignment", "ipv4")));
        ObjectNode badId = validInstance();
        badId.putObject("template").put("id", "not-a-uuid");
        assertEquals(List.of("template/id: must be a UUID"), instance(badId));
        assertEquals(List.of("user-data: length must be <= 32768"),
                instance(validInstance().put("user-data", "a".repeat(32769))));
        assertEquals(List.of(), instance(validInstance().put("user-data", "a".repeat(32768))));
        assertEquals(List.of("user-data: length must be >= 1"), instance(validInstance().put("user-data", "")));
        ObjectNode badLabel = validInstance();
        badLabel.putObject("labels").put("n", 3);
        assertEquals(List.of("labels/n: must be a string"), instance(badLabel));
        ObjectNode dupes = validInstance();
        dupes.putArray("security-groups").add(JSON.createObjectNode().put("id", UUID_A))
                .add(JSON.createObjectNode().put("id", UUID_A));
        assertEquals(List.of("security-groups: items must be unique"), instance(dupes));
        assertEquals(List.of("body: must be an object"), instance(JSON.createArrayNode()));
    }

    @Test
    void checksRulesAndStartBodies() {
        ObjectNode rule = JSON.createObjectNode().put("flow-direction", "ingress").put("protocol", "tcp")
                .put("start-port", 22).put("end-port", 22).put("network", "0.0.0.0/0");
        assertEquals(List.of(), validator.validateRequest("add-rule-to-security-group", rule));
        assertEquals(List.of("protocol: must be one of [\"ah\",\"all\",\"esp\",\"gre\",\"icmp\",\"icmpv6\",\"ipip\",\"tcp\",\"udp\"]",
                "start-port: must be >= 1"), validator.validateRequest("add-rule-to-security-group",
                        rule.deepCopy().put("protocol", "sctp").put("start-port", 0)));
        ObjectNode icmp = JSON.createObjectNode().put("flow-direction", "ingress").put("protocol", "icmp");
        icmp.putObject("icmp").put("type", 8).put("code", 255);
        assertEquals(List.of("icmp/code: must be <= 254"), validator.validateRequest("add-rule-to-security-group", icmp));
        assertEquals(List.of(), validator.validateRequest("start-instance", JSON.createObjectNode()));
        assertEquals(List.of("rescue-profile: must be one of [\"netboot\",\"netboot-efi\"]"),
                validator.validateRequest("start-instance", JSON.createObjectNode().put("rescue-profile", "pxe")));
        assertEquals(List.of("name: is required"),
                validator.validateRequest("create-security-group", JSON.createObjectNode()));
    }

    @Test
    void supportsPatterns() throws Exception {
        // the register-ssh-key name pattern of the official spec
        JsonNode schema = JSON.readTree("{\"type\":\"string\",\"pattern\":\"^[a-zA-Z0-9]{1}[a-zA-Z0-9._-]{0,254}$\"}");
        assertEquals(List.of(), validator.validate(schema, JSON.getNodeFactory().textNode("alice.key-1")));
        assertEquals(List.of("body: must match ^[a-zA-Z0-9]{1}[a-zA-Z0-9._-]{0,254}$"),
                validator.validate(schema, JSON.getNodeFactory().textNode("-bad")));
    }
}
