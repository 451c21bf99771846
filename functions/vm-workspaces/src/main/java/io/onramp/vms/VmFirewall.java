package io.onramp.vms;

import java.util.ArrayList;
import java.util.List;

import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.SecurityGroup;
import io.onramp.exoscale.SecurityGroupRule;

/**
 * The security groups of VM workspaces, shared by all of them and made idempotently (found by name, rules added
 * only when missing): {@code onramp.vms.security-group} opens the code-server port to
 * {@code onramp.vms.allowed-ingress-cidrs} and to {@code onramp.vms.probe-cidrs} (Onramp's idle check);
 * {@code <name>-ssh} opens port 22 to the allowed ingress networks only and is attached only to VMs created with an
 * SSH key, so VMs without one expose nothing but the IDE. Egress stays open (Exoscale's default without egress
 * rules): the VMs download tools and lab files.
 */
final class VmFirewall {

    static final int SSH_PORT = 22;

    private final VmsConfig config;

    VmFirewall(VmsConfig config) {
        this.config = config;
    }

    String ideGroupName() {
        return config.securityGroup();
    }

    String sshGroupName() {
        return config.securityGroup() + "-ssh";
    }

    /** The ids of the groups a new VM gets (the SSH group only when it has an SSH key), ensured first. */
    List<String> ensureFor(ExoscaleClient exo, String zone, boolean withSsh) {
        List<String> ids = new ArrayList<>();
        List<String> ideSources = new ArrayList<>(config.allowedIngressCidrs());
        ideSources.addAll(config.probeCidrs().orElse(List.of())); // Onramp's idle check: code-server's port only
        ids.add(ensure(exo, zone, ideGroupName(), "Onramp VM workspaces: code-server", config.codeServerPort(),
                "code-server", ideSources));
        if (withSsh) {
            ids.add(ensure(exo, zone, sshGroupName(), "Onramp VM workspaces with an SSH key: SSH", SSH_PORT, "ssh",
                    config.allowedIngressCidrs()));
        }
        return ids;
    }

    private String ensure(ExoscaleClient exo, String zone, String name, String description, int port, String what,
            List<String> sources) {
        SecurityGroup group = exo.ensureSecurityGroup(zone, name, description);
        for (String cidr : sources) {
            SecurityGroupRule rule = SecurityGroupRule.ingressTcp(port, cidr.trim(), "Onramp " + what);
            if (group.rules().stream().noneMatch(r -> r.sameTrafficAs(rule))) {
                group = exo.ensureSecurityGroupRule(zone, group.id(), rule);
            }
        }
        return group.id();
    }
}
