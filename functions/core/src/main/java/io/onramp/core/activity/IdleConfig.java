package io.onramp.core.activity;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Idle pause ({@code onramp.idle.*}): how long a running workspace may go without a sign of use in its
 * code-server before the duties {@code pods.idle-pause} and {@code vms.idle-pause} pause it, and how they probe.
 * The duties themselves are switched and timed with {@code onramp.duties."<name>".enabled|interval}.
 */
@ConfigMapping(prefix = "onramp.idle")
public interface IdleConfig {

    Pods pods();

    Vms vms();

    Probe probe();

    /**
     * Consecutive probes without a usable answer before an unreachable workspace may be paused at all; it must also
     * have been unreachable, and without activity, for the whole idle time (see docs/self-care.md).
     */
    @WithDefault("3")
    int unreachableFailures();

    interface Pods {
        /** Pause a pod workspace after this long without activity in code-server. */
        @WithDefault("30m")
        Duration after();

        /**
         * Where Onramp finds code-server's {@code /healthz}: {@code {namespace}}, {@code {service}} and
         * {@code {port}} are filled in (the workspace's code-server Service). Out of the cluster, e.g. through
         * {@code kubectl proxy}: {@code http://127.0.0.1:8001/api/v1/namespaces/{namespace}/services/{service}:{port}/proxy/healthz}.
         */
        @WithDefault("http://{service}.{namespace}.svc:{port}/healthz")
        String healthzUrl();
    }

    interface Vms {
        /** Stop a VM workspace after this long without activity in code-server. */
        @WithDefault("60m")
        Duration after();

        /** {@code {publicIp}} and {@code {port}} (code-server's, {@code onramp.vms.code-server-port}) are filled in. */
        @WithDefault("https://{publicIp}:{port}/healthz")
        String healthzUrl();

        /**
         * Also stop VMs created with an SSH key. Off by default: Onramp cannot see SSH sessions, so a developer
         * working over SSH would look idle.
         */
        @WithDefault("false")
        boolean withSshKey();
    }

    interface Probe {
        @WithDefault("2s")
        Duration connectTimeout();

        /** The longest one probe may take, connection included. */
        @WithDefault("5s")
        Duration timeout();

        /** Probes in flight at once. */
        @WithDefault("16")
        int concurrency();
    }
}
