package io.onramp.core.podsecurity;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;

/** The baseline-level checks (kubernetes/pod-security-admission, version "latest"). */
final class BaselineChecks {

    /** capabilities_baseline: the container runtime's default set, the only capabilities baseline allows to add. */
    static final Set<String> DEFAULT_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    /** sysctls: the namespaced "safe" set as of PSA v1.32. */
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

    /** seLinuxOptions: allowed types as of PSA v1.31 ("" = unset). */
    static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

    private static final Set<String> SECCOMP_ALLOWED = Set.of("RuntimeDefault", "Localhost");
    private static final Set<String> APPARMOR_ALLOWED = Set.of("RuntimeDefault", "Localhost");
    private static final Set<String> PROBE_HOSTS_ALLOWED = Set.of("", "127.0.0.1", "::1");

    private BaselineChecks() {
    }

    static void hostNamespaces(PodView pod, Findings f) {
        if (Boolean.TRUE.equals(pod.spec().getHostNetwork())) {
            f.add("hostNetwork", "hostNetwork must be unset or false (the pod must not share the node's network namespace)");
        }
        if (Boolean.TRUE.equals(pod.spec().getHostPID())) {
            f.add("hostPID", "hostPID must be unset or false (the pod must not see the node's processes)");
        }
        if (Boolean.TRUE.equals(pod.spec().getHostIPC())) {
            f.add("hostIPC", "hostIPC must be unset or false (the pod must not share the node's IPC namespace)");
        }
    }

    static void privileged(PodView pod, Findings f) {
        for (ContainerView c : pod.containers()) {
            SecurityContext sc = c.securityContext();
            if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
                String path = c.securityPath("privileged");
                f.add(path, path + " must be unset or false");
            }
        }
    }

    static void capabilities(PodView pod, Findings f) {
        for (ContainerView c : pod.containers()) {
            for (String cap : added(c)) {
                if (!DEFAULT_CAPABILITIES.contains(cap)) {
                    String path = c.securityPath("capabilities.add");
                    f.add(path, path + " must not include " + cap + "; only the runtime defaults "
                            + sorted(DEFAULT_CAPABILITIES) + " may be added");
                }
            }
        }
    }

    static void hostPathVolumes(PodView pod, Findings f) {
        for (Volume v : PodView.nonNull(pod.spec().getVolumes())) {
            if (v.getHostPath() != null) {
                String path = "volumes[" + v.getName() + "].hostPath";
                f.add(path, path + " must not be used; use a persistentVolumeClaim, emptyDir or configMap instead");
            }
        }
    }

    static void hostPorts(PodView pod, Findings f) {
        for (ContainerView c : pod.containers()) {
            List<ContainerPort> ports = c.ports();
            for (int i = 0; i < ports.size(); i++) {
                Integer hostPort = ports.get(i).getHostPort();
                if (hostPort != null && hostPort != 0) {
                    String path = c.ref() + ".ports[" + i + "].hostPort";
                    f.add(path, path + " must be unset or 0 (was " + hostPort + "); expose the port through a Service");
                }
            }
        }
    }

    static void appArmorProfile(PodView pod, Findings f) {
        PodSecurityContext psc = pod.security();
        if (psc != null) {
            appArmor(psc.getAppArmorProfile(), "securityContext.appArmorProfile.type", f);
        }
        for (ContainerView c : pod.containers()) {
            if (c.securityContext() != null) {
                appArmor(c.securityContext().getAppArmorProfile(), c.securityPath("appArmorProfile.type"), f);
            }
        }
        for (Map.Entry<String, String> a : pod.annotations().entrySet()) {
            if (a.getKey().startsWith(APPARMOR_ANNOTATION_PREFIX)) {
                String value = a.getValue() == null ? "" : a.getValue();
                if (!(value.isEmpty() || value.equals("runtime/default") || value.startsWith("localhost/"))) {
                    String path = "metadata.annotations[" + a.getKey() + "]";
                    f.add(path, path + " must be runtime/default or localhost/<profile> (was " + value + ")");
                }
            }
        }
    }

    private static void appArmor(AppArmorProfile profile, String path, Findings f) {
        if (profile != null && profile.getType() != null && !APPARMOR_ALLOWED.contains(profile.getType())) {
            f.add(path, path + " must be RuntimeDefault or Localhost (was " + profile.getType() + ")");
        }
    }

    static void seLinuxOptions(PodView pod, Findings f) {
        PodSecurityContext psc = pod.security();
        if (psc != null) {
            seLinux(psc.getSeLinuxOptions(), "securityContext.seLinuxOptions", f);
        }
        for (ContainerView c : pod.containers()) {
            if (c.securityContext() != null) {
                seLinux(c.securityContext().getSeLinuxOptions(), c.securityPath("seLinuxOptions"), f);
            }
        }
    }

    private static void seLinux(SELinuxOptions options, String path, Findings f) {
        if (options == null) {
            return;
        }
        if (options.getType() != null && !SELINUX_TYPES.contains(options.getType())) {
            f.add(path + ".type", path + ".type must be unset or one of container_t, container_init_t, container_kvm_t,"
                    + " container_engine_t (was " + options.getType() + ")");
        }
        if (options.getUser() != null && !options.getUser().isEmpty()) {
            f.add(path + ".user", path + ".user must be unset (was " + options.getUser() + ")");
        }
        if (options.getRole() != null && !options.getRole().isEmpty()) {
            f.add(path + ".role", path + ".role must be unset (was " + options.getRole() + ")");
        }
    }

    /** procMount at baseline: since PSA v1.35 relaxed for pods in a user namespace ({@code hostUsers: false}). */
    static void procMountBaseline(PodView pod, Findings f) {
        if (!pod.userNamespace()) {
            procMount(pod, f);
        }
    }

    static void procMount(PodView pod, Findings f) {
        for (ContainerView c : pod.containers()) {
            SecurityContext sc = c.securityContext();
            if (sc != null && sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
                String path = c.securityPath("procMount");
                f.add(path, path + " must be unset or Default (was " + sc.getProcMount() + ")");
            }
        }
    }

    static void seccompProfile(PodView pod, Findings f) {
        PodSecurityContext psc = pod.security();
        if (psc != null && psc.getSeccompProfile() != null) {
            seccomp(psc.getSeccompProfile(), "securityContext.seccompProfile.type", f);
        }
        for (ContainerView c : pod.containers()) {
            if (c.securityContext() != null && c.securityContext().getSeccompProfile() != null) {
                seccomp(c.securityContext().getSeccompProfile(), c.securityPath("seccompProfile.type"), f);
            }
        }
    }

    private static void seccomp(SeccompProfile profile, String path, Findings f) {
        if (profile.getType() != null && !SECCOMP_ALLOWED.contains(profile.getType())) {
            f.add(path, path + " must be RuntimeDefault or Localhost (was " + profile.getType() + ")");
        }
    }

    static boolean allowedSeccomp(SeccompProfile profile) {
        return profile != null && SECCOMP_ALLOWED.contains(profile.getType());
    }

    static void sysctls(PodView pod, Findings f) {
        PodSecurityContext psc = pod.security();
        if (psc == null) {
            return;
        }
        for (Sysctl s : PodView.nonNull(psc.getSysctls())) {
            if (!SAFE_SYSCTLS.contains(s.getName())) {
                String path = "securityContext.sysctls[" + s.getName() + "]";
                f.add(path, path + " is not a safe sysctl; only " + sorted(SAFE_SYSCTLS) + " may be set");
            }
        }
    }

    static void windowsHostProcess(PodView pod, Findings f) {
        PodSecurityContext psc = pod.security();
        if (psc != null) {
            hostProcess(psc.getWindowsOptions(), "securityContext.windowsOptions.hostProcess", f);
        }
        for (ContainerView c : pod.containers()) {
            if (c.securityContext() != null) {
                hostProcess(c.securityContext().getWindowsOptions(), c.securityPath("windowsOptions.hostProcess"), f);
            }
        }
    }

    private static void hostProcess(WindowsSecurityContextOptions options, String path, Findings f) {
        if (options != null && Boolean.TRUE.equals(options.getHostProcess())) {
            f.add(path, path + " must be unset or false");
        }
    }

    static void hostProbesAndHostLifecycle(PodView pod, Findings f) {
        for (ContainerView c : pod.containers()) {
            for (Map.Entry<String, Probe> p : c.probes().entrySet()) {
                Probe probe = p.getValue();
                if (probe.getHttpGet() != null) {
                    probeHost(probe.getHttpGet().getHost(), c.ref() + "." + p.getKey() + ".httpGet.host", f);
                }
                if (probe.getTcpSocket() != null) {
                    probeHost(probe.getTcpSocket().getHost(), c.ref() + "." + p.getKey() + ".tcpSocket.host", f);
                }
            }
            if (c.lifecycle() != null) {
                handlerHost(c.lifecycle().getPostStart(), c.ref() + ".lifecycle.postStart", f);
                handlerHost(c.lifecycle().getPreStop(), c.ref() + ".lifecycle.preStop", f);
            }
        }
    }

    private static void handlerHost(LifecycleHandler handler, String path, Findings f) {
        if (handler == null) {
            return;
        }
        if (handler.getHttpGet() != null) {
            probeHost(handler.getHttpGet().getHost(), path + ".httpGet.host", f);
        }
        if (handler.getTcpSocket() != null) {
            probeHost(handler.getTcpSocket().getHost(), path + ".tcpSocket.host", f);
        }
    }

    private static void probeHost(String host, String path, Findings f) {
        if (host != null && !PROBE_HOSTS_ALLOWED.contains(host)) {
            f.add(path, path + " must be unset, 127.0.0.1 or ::1 (was " + host + "); probes target the pod itself");
        }
    }

    static List<String> added(ContainerView c) {
        Capabilities caps = c.securityContext() == null ? null : c.securityContext().getCapabilities();
        return caps == null ? List.of() : PodView.nonNull(caps.getAdd());
    }

    static List<String> dropped(ContainerView c) {
        Capabilities caps = c.securityContext() == null ? null : c.securityContext().getCapabilities();
        return caps == null ? List.of() : PodView.nonNull(caps.getDrop());
    }

    static String sorted(Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }
}
