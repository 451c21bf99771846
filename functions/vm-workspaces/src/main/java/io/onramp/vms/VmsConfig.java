package io.onramp.vms;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of VM workspaces ({@code onramp.vms.*}). The Exoscale key, secret, default zone and endpoint are core's
 * {@code onramp.exoscale.*} ({@link io.onramp.core.config.OnrampConfig.Exoscale}) and are not repeated here. Every
 * value has a default except the password key, which is needed only once VM workspaces are used; outside Quarkus
 * {@link VmsConfigs#of} builds one. {@link VmsConfigs#problems} checks the values.
 */
@ConfigMapping(prefix = "onramp.vms")
public interface VmsConfig {

    /** The instance type ({@code family.size}) used when the input names none; must be allowed. */
    @WithDefault("standard.medium")
    String instanceType();

    /** The instance types a workspace may use ({@code family.size}). Docker, kind and code-server need 4 GiB. */
    @WithDefault("standard.medium,standard.large,standard.extra-large")
    List<String> allowedInstanceTypes();

    /** Disk size in GiB used when the input names none. */
    @WithDefault("50")
    int diskGb();

    /** Smallest disk a workspace may ask for (GiB, at least Exoscale's 10). */
    @WithDefault("10")
    int minDiskGb();

    /** Largest disk a workspace may ask for (GiB). */
    @WithDefault("400")
    int maxDiskGb();

    /** The public template (by name, newest of that name) the VMs boot; it must run cloud-init and use apt. */
    @WithDefault("Linux Ubuntu 24.04 LTS 64-bit")
    String template();

    /** The port code-server serves HTTPS on (1024..65535: it runs as the template's default user). */
    @WithDefault("8443")
    int codeServerPort();

    /** Where the IDE (and SSH, for VMs created with an SSH key) may be reached from. */
    @WithDefault("0.0.0.0/0")
    List<String> allowedIngressCidrs();

    /**
     * Onramp's own egress addresses, allowed to reach the code-server port only (not SSH), so that the idle check
     * ({@code vms.idle-pause}, which asks code-server's {@code /healthz}) works when {@link #allowedIngressCidrs()}
     * is narrowed to the developers' networks. Not needed with the default {@code 0.0.0.0/0}.
     */
    Optional<List<String>> probeCidrs();

    /**
     * The security group opening the code-server port to {@link #allowedIngressCidrs()}, shared by every VM
     * workspace; VMs with an SSH key also get {@code <name>-ssh}, which opens port 22.
     */
    @WithDefault("onramp-workspaces")
    String securityGroup();

    /** VM workspaces that may be running (or asked to run) at once, over all developers. */
    @WithDefault("20")
    int maxRunning();

    /** VM workspaces one developer may have running (or asked to run) at once. */
    @WithDefault("2")
    int maxRunningPerDeveloper();

    /**
     * Base64 of 32 random bytes: the AES-256-GCM key the code-server passwords are kept encrypted with
     * ({@code ONRAMP_VMS_PASSWORD_KEY}; make one with {@code openssl rand -base64 32}). Required to create VM
     * workspaces and to reveal their passwords; changing it makes existing passwords unreadable.
     */
    Optional<String> passwordKey();

    /**
     * The longest one converge step waits on one Exoscale operation (creating an instance or a security group);
     * beyond it the step fails and is retried. Keep it below {@code onramp.engine.lease}.
     */
    @WithDefault("3m")
    Duration operationDeadline();

    /** How soon to look again at an instance that is starting, stopping or being deleted. */
    @WithDefault("10s")
    Duration recheckInterval();

    /**
     * Where a VM fetches its lab's files at every boot: a URL with {@code {lab}} that answers a gzipped tarball of
     * the lab folder (e.g. {@code https://onramp.example.com/labs/{lab}/workspace.tar.gz}). Without it VMs get no
     * lab files.
     */
    Optional<String> labFilesUrl();

    Tls tls();

    /** Pinned tool versions and the CodeTour extension installed on every VM. */
    Tools tools();

    /** code-server's certificate. Without both, each VM makes a self-signed one for its public IP at first boot. */
    interface Tls {
        /**
         * PEM certificate (chain, at most 8000 characters) for code-server. It travels in the user-data, which
         * Exoscale stores and the VM can read.
         */
        Optional<String> cert();

        /** PEM private key of {@link #cert()} (at most 4000 characters; RSA 4096 or EC). */
        Optional<String> key();
    }

    interface Tools {
        /** code-server release installed by code-server.dev/install.sh; empty: the latest release. */
        Optional<String> codeServerVersion();

        @WithDefault("v0.29.0")
        String kindVersion();

        @WithDefault("v1.33.1")
        String kubectlVersion();

        @WithDefault("vsls-contrib.codetour@0.0.58")
        String codetourExtension();
    }
}
