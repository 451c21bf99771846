package io.onramp.exoscale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.onramp.core.error.OnrampException;
import java.util.List;
import java.util.Objects;

/**
 * A security group rule: direction, protocol, optional port range, and one target, a CIDR {@code network} or
 * another {@code securityGroup}. {@code id} is set by Exoscale and left out when adding a rule.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecurityGroupRule(
        String id,
        @JsonProperty("flow-direction") String flowDirection,
        String protocol,
        @JsonProperty("start-port") Integer startPort,
        @JsonProperty("end-port") Integer endPort,
        String network,
        @JsonProperty("security-group") GroupRef securityGroup,
        Icmp icmp,
        String description) {

    static final List<String> DIRECTIONS = List.of("ingress", "egress");
    static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp", "icmpv6", "ah", "esp", "gre", "ipip", "all");

    /** Another security group as rule target, by id or (public groups) by name and visibility. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupRef(String id, String name, String visibility) {
    }

    /** ICMP type and code (-1 = any). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Icmp(Integer type, Integer code) {
    }

    /** Inbound TCP on one port from a CIDR, e.g. {@code ingressTcp(22, "0.0.0.0/0", "ssh")}. */
    public static SecurityGroupRule ingressTcp(int port, String cidr, String description) {
        return ingress("tcp", port, port, cidr, description);
    }

    /** Inbound traffic of {@code protocol} on a port range from a CIDR. */
    public static SecurityGroupRule ingress(String protocol, int startPort, int endPort, String cidr,
            String description) {
        return new SecurityGroupRule(null, "ingress", protocol, startPort, endPort, cidr, null, null, description);
    }

    /** Inbound TCP on a port range from members of another security group. */
    public static SecurityGroupRule ingressTcpFromGroup(int startPort, int endPort, String groupId,
            String description) {
        return new SecurityGroupRule(null, "ingress", "tcp", startPort, endPort, null,
                new GroupRef(groupId, null, null), null, description);
    }

    /** This rule without its id, as sent to {@code POST /security-group/{id}/rules}. */
    SecurityGroupRule withoutId() {
        return new SecurityGroupRule(null, flowDirection, protocol, startPort, endPort, network, securityGroup, icmp,
                description);
    }

    /** Same traffic and target (ids and descriptions aside). */
    public boolean sameTrafficAs(SecurityGroupRule other) {
        return Objects.equals(flowDirection, other.flowDirection) && Objects.equals(protocol, other.protocol)
                && Objects.equals(startPort, other.startPort) && Objects.equals(endPort, other.endPort)
                && Objects.equals(network, other.network)
                && Objects.equals(securityGroup == null ? null : securityGroup.id(),
                        other.securityGroup == null ? null : other.securityGroup.id())
                && Objects.equals(icmp, other.icmp);
    }

    /** Checks what the API would reject, as BAD_USER_INPUT. */
    void validate() {
        if (!DIRECTIONS.contains(flowDirection)) {
            throw OnrampException.badInput("Security group rule: flow direction must be ingress or egress");
        }
        if (!PROTOCOLS.contains(protocol)) {
            throw OnrampException.badInput("Security group rule: protocol must be one of " + PROTOCOLS);
        }
        for (Integer port : new Integer[] {startPort, endPort}) {
            if (port != null && (port < 1 || port > 65535)) {
                throw OnrampException.badInput("Security group rule: ports must be within 1..65535");
            }
        }
        if (startPort != null && endPort != null && startPort > endPort) {
            throw OnrampException.badInput("Security group rule: start port must not exceed end port");
        }
        if ((network == null) == (securityGroup == null)) {
            throw OnrampException.badInput("Security group rule: give exactly one of network or security group");
        }
        if (("tcp".equals(protocol) || "udp".equals(protocol)) && startPort == null) {
            throw OnrampException.badInput("Security group rule: tcp and udp rules need a port");
        }
    }
}
