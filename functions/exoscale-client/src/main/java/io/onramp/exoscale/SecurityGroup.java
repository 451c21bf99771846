package io.onramp.exoscale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A security group (firewall) and its rules. Rules may be absent when a group is only referenced. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecurityGroup(String id, String name, String description, List<SecurityGroupRule> rules) {

    public SecurityGroup {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
