package io.onramp.core.podsecurity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of kubernetes/pod-security-admission ({@code policy/check_*.go}), with their PSA IDs, level and the
 * baseline check a restricted check overrides.
 */
public enum PodSecurityCheck {
    HOST_NAMESPACES("hostNamespaces", PodSecurityLevel.BASELINE, null, BaselineChecks::hostNamespaces),
    PRIVILEGED("privileged", PodSecurityLevel.BASELINE, null, BaselineChecks::privileged),
    CAPABILITIES_BASELINE("capabilities_baseline", PodSecurityLevel.BASELINE, null, BaselineChecks::capabilities),
    HOST_PATH_VOLUMES("hostPathVolumes", PodSecurityLevel.BASELINE, null, BaselineChecks::hostPathVolumes),
    HOST_PORTS("hostPorts", PodSecurityLevel.BASELINE, null, BaselineChecks::hostPorts),
    APP_ARMOR_PROFILE("appArmorProfile", PodSecurityLevel.BASELINE, null, BaselineChecks::appArmorProfile),
    SE_LINUX_OPTIONS("seLinuxOptions", PodSecurityLevel.BASELINE, null, BaselineChecks::seLinuxOptions),
    PROC_MOUNT("procMount", PodSecurityLevel.BASELINE, null, BaselineChecks::procMountBaseline),
    SECCOMP_PROFILE_BASELINE("seccompProfile_baseline", PodSecurityLevel.BASELINE, null, BaselineChecks::seccompProfile),
    SYSCTLS("sysctls", PodSecurityLevel.BASELINE, null, BaselineChecks::sysctls),
    WINDOWS_HOST_PROCESS("windowsHostProcess", PodSecurityLevel.BASELINE, null, BaselineChecks::windowsHostProcess),
    HOST_PROBES_AND_HOST_LIFECYCLE("hostProbesAndHostLifecycle", PodSecurityLevel.BASELINE, null,
            BaselineChecks::hostProbesAndHostLifecycle),

    RESTRICTED_VOLUMES("restrictedVolumes", PodSecurityLevel.RESTRICTED, HOST_PATH_VOLUMES, RestrictedChecks::volumes),
    ALLOW_PRIVILEGE_ESCALATION("allowPrivilegeEscalation", PodSecurityLevel.RESTRICTED, null,
            RestrictedChecks::allowPrivilegeEscalation),
    RUN_AS_NON_ROOT("runAsNonRoot", PodSecurityLevel.RESTRICTED, null, RestrictedChecks::runAsNonRoot),
    RUN_AS_USER("runAsUser", PodSecurityLevel.RESTRICTED, null, RestrictedChecks::runAsUser),
    SECCOMP_PROFILE_RESTRICTED("seccompProfile_restricted", PodSecurityLevel.RESTRICTED, SECCOMP_PROFILE_BASELINE,
            RestrictedChecks::seccompProfile),
    CAPABILITIES_RESTRICTED("capabilities_restricted", PodSecurityLevel.RESTRICTED, CAPABILITIES_BASELINE,
            RestrictedChecks::capabilities),
    PROC_MOUNT_RESTRICTED("procMount_restricted", PodSecurityLevel.RESTRICTED, PROC_MOUNT, RestrictedChecks::procMount);

    /** The body of one check: inspects the pod and reports findings. */
    @FunctionalInterface
    interface Body {
        void evaluate(PodView pod, Findings findings);
    }

    private final String id;
    private final PodSecurityLevel level;
    private final PodSecurityCheck overrides;
    private final Body body;

    PodSecurityCheck(String id, PodSecurityLevel level, PodSecurityCheck overrides, Body body) {
        this.id = id;
        this.level = level;
        this.overrides = overrides;
        this.body = body;
    }

    /** The PSA check ID, used as {@link Violation#check()}. */
    public String id() {
        return id;
    }

    public PodSecurityLevel level() {
        return level;
    }

    /** The baseline check this restricted check replaces at the restricted level, or {@code null}. */
    public PodSecurityCheck overrides() {
        return overrides;
    }

    /** The checks evaluated at a level: baseline = the baseline checks; restricted = all minus overridden ones. */
    public static List<PodSecurityCheck> at(PodSecurityLevel level) {
        if (level == PodSecurityLevel.BASELINE) {
            return Arrays.stream(values()).filter(c -> c.level == PodSecurityLevel.BASELINE).toList();
        }
        Set<PodSecurityCheck> overridden = EnumSet.noneOf(PodSecurityCheck.class);
        for (PodSecurityCheck c : values()) {
            if (c.overrides != null) {
                overridden.add(c.overrides);
            }
        }
        return Arrays.stream(values()).filter(c -> !overridden.contains(c)).toList();
    }

    void evaluate(PodView pod, List<Violation> out) {
        body.evaluate(pod, new Findings(id, out));
    }
}
