package io.onramp.exoscale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A compute instance as the API describes it (the fields Onramp uses). {@link #toString()} leaves out the
 * user-data, which may carry tokens.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Instance(
        String id,
        String name,
        InstanceState state,
        @JsonProperty("created-at") @JsonDeserialize(using = LenientInstantDeserializer.class) Instant createdAt,
        @JsonProperty("instance-type") InstanceType instanceType,
        Template template,
        @JsonProperty("disk-size") Long diskSize,
        @JsonProperty("public-ip") String publicIp,
        @JsonProperty("public-ip-assignment") String publicIpAssignment,
        @JsonProperty("security-groups") List<SecurityGroup> securityGroups,
        @JsonProperty("ssh-keys") List<SshKey> sshKeys,
        @JsonProperty("user-data") String userData,
        Map<String, String> labels) {

    /** An SSH key reference of an instance. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SshKey(String name, String fingerprint) {
    }

    public Instance {
        state = state == null ? InstanceState.UNKNOWN : state;
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Whether the instance carries label {@code key} with {@code value}. */
    public boolean hasLabel(String key, String value) {
        return value != null && value.equals(labels.get(key));
    }

    /** The Onramp workspace this instance belongs to ({@value ExoscaleClient#WORKSPACE_LABEL}), or null. */
    public String workspaceId() {
        return labels.get(ExoscaleClient.WORKSPACE_LABEL);
    }

    @Override
    public String toString() {
        return "Instance[id=" + id + ", name=" + name + ", state=" + state.value() + ", createdAt=" + createdAt
                + ", type=" + (instanceType == null ? null : instanceType.id()) + ", template="
                + (template == null ? null : template.id()) + ", diskSize=" + diskSize + ", publicIp=" + publicIp
                + ", labels=" + labels + ", userData=" + (userData == null ? "none" : userData.length() + " chars")
                + "]";
    }
}
