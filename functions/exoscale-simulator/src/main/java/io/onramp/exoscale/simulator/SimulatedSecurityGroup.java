package io.onramp.exoscale.simulator;

import java.util.List;

/** A read-only snapshot of one simulated security group; each rule is its JSON form as the API returns it. */
public record SimulatedSecurityGroup(String id, String name, String description, List<String> rules) {
}
