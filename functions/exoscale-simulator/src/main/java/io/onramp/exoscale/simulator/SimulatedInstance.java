package io.onramp.exoscale.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A read-only snapshot of one simulated instance, for assertions. */
public record SimulatedInstance(
        String id,
        String zone,
        String name,
        String state,
        Map<String, String> labels,
        String instanceTypeId,
        String instanceTypeName,
        String templateId,
        long diskSize,
        String publicIp,
        String publicIpAssignment,
        List<String> securityGroupIds,
        List<String> sshKeys,
        String userData,
        Instant createdAt) {

    @Override
    public String toString() { // user-data may carry tokens: never print it
        return "SimulatedInstance[id=" + id + ", zone=" + zone + ", name=" + name + ", state=" + state
                + ", labels=" + labels + ", type=" + instanceTypeName + "]";
    }
}
