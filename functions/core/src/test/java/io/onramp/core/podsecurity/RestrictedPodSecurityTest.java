package io.onramp.core.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.AppArmorProfileBuilder;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SysctlBuilder;
import io.fabric8.kubernetes.api.model.TCPSocketActionBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptionsBuilder;

class RestrictedPodSecurityTest {

    /** The working code-server spec of tenancy.md 4.2. */
    static PodSpec compliant() {
        return new PodSpecBuilder()
                .withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(1000L)
                        .withRunAsGroup(1000L).withFsGroup(1000L)
                        .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build()).build())
                .withContainers(secureContainer("web"))
                .withVolumes(new VolumeBuilder().withName("home").withNewPersistentVolumeClaim().withClaimName("home")
                        .endPersistentVolumeClaim().build(),
                        new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("password").withNewSecret().withSecretName("pw").endSecret().build())
                .build();
    }

    static Container secureContainer(String name) {
        return new ContainerBuilder().withName(name).withImage("codercom/code-server:4.133.0")
                .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(8080).build())
                .withSecurityContext(new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                        .withCapabilities(new CapabilitiesBuilder().withDrop("ALL").build()).build())
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http"))
                .endHttpGet().endReadinessProbe()
                .build();
    }

    static SecurityContext web(PodSpec spec) {
        return spec.getContainers().get(0).getSecurityContext();
    }

    static Set<String> checks(List<Violation> violations) {
        return violations.stream().map(Violation::check).collect(Collectors.toSet());
    }

    @Test
    void compliantCodeServerPodPasses() {
        assertEquals(List.of(), RestrictedPodSecurity.check(compliant()));
        assertEquals(List.of(), RestrictedPodSecurity.checkBaseline(compliant()));
    }

    static Stream<Arguments> deviations() {
        return Stream.of(
                Arguments.of("hostNetwork", (Consumer<PodSpec>) s -> s.setHostNetwork(true), "hostNamespaces", "hostNetwork"),
                Arguments.of("hostPID", (Consumer<PodSpec>) s -> s.setHostPID(true), "hostNamespaces", "hostPID"),
                Arguments.of("hostIPC", (Consumer<PodSpec>) s -> s.setHostIPC(true), "hostNamespaces", "hostIPC"),
                Arguments.of("privileged", (Consumer<PodSpec>) s -> web(s).setPrivileged(true), "privileged",
                        "containers[web].securityContext.privileged"),
                Arguments.of("add SYS_ADMIN", (Consumer<PodSpec>) s -> web(s).getCapabilities().setAdd(List.of("SYS_ADMIN")),
                        "capabilities_restricted", "containers[web].securityContext.capabilities.add"),
                Arguments.of("add CHOWN (baseline default, not restricted)",
                        (Consumer<PodSpec>) s -> web(s).getCapabilities().setAdd(List.of("CHOWN")),
                        "capabilities_restricted", "containers[web].securityContext.capabilities.add"),
                Arguments.of("drop without ALL", (Consumer<PodSpec>) s -> web(s).getCapabilities().setDrop(List.of("NET_RAW")),
                        "capabilities_restricted", "containers[web].securityContext.capabilities.drop"),
                Arguments.of("no capabilities", (Consumer<PodSpec>) s -> web(s).setCapabilities(null),
                        "capabilities_restricted", "containers[web].securityContext.capabilities.drop"),
                Arguments.of("hostPath volume", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("docker")
                        .withNewHostPath().withPath("/var/run/docker.sock").endHostPath().build()),
                        "restrictedVolumes", "volumes[docker].hostPath"),
                Arguments.of("nfs volume", (Consumer<PodSpec>) s -> s.getVolumes().add(new VolumeBuilder().withName("share")
                        .withNewNfs().withServer("nfs").withPath("/").endNfs().build()),
                        "restrictedVolumes", "volumes[share].nfs"),
                Arguments.of("hostPort", (Consumer<PodSpec>) s -> s.getContainers().get(0).getPorts().get(0).setHostPort(8080),
                        "hostPorts", "containers[web].ports[0].hostPort"),
                Arguments.of("AppArmor Unconfined", (Consumer<PodSpec>) s -> s.getSecurityContext()
                        .setAppArmorProfile(new AppArmorProfileBuilder().withType("Unconfined").build()),
                        "appArmorProfile", "securityContext.appArmorProfile.type"),
                Arguments.of("SELinux spc_t", (Consumer<PodSpec>) s -> web(s)
                        .setSeLinuxOptions(new SELinuxOptionsBuilder().withType("spc_t").build()),
                        "seLinuxOptions", "containers[web].securityContext.seLinuxOptions.type"),
                Arguments.of("SELinux user", (Consumer<PodSpec>) s -> s.getSecurityContext()
                        .setSeLinuxOptions(new SELinuxOptionsBuilder().withUser("system_u").build()),
                        "seLinuxOptions", "securityContext.seLinuxOptions.user"),
                Arguments.of("procMount Unmasked", (Consumer<PodSpec>) s -> web(s).setProcMount("Unmasked"),
                        "procMount_restricted", "containers[web].securityContext.procMount"),
                Arguments.of("seccomp Unconfined at pod level", (Consumer<PodSpec>) s -> s.getSecurityContext().getSeccompProfile()
                        .setType("Unconfined"), "seccompProfile_restricted", "securityContext.seccompProfile.type"),
                Arguments.of("seccomp missing", (Consumer<PodSpec>) s -> s.getSecurityContext().setSeccompProfile(null),
                        "seccompProfile_restricted", "containers[web].securityContext.seccompProfile.type"),
                Arguments.of("seccomp Unconfined in container", (Consumer<PodSpec>) s -> web(s)
                        .setSeccompProfile(new SeccompProfileBuilder().withType("Unconfined").build()),
                        "seccompProfile_restricted", "containers[web].securityContext.seccompProfile.type"),
                Arguments.of("unsafe sysctl", (Consumer<PodSpec>) s -> s.getSecurityContext()
                        .setSysctls(List.of(new SysctlBuilder().withName("kernel.msgmax").withValue("65536").build())),
                        "sysctls", "securityContext.sysctls[kernel.msgmax]"),
                Arguments.of("windows hostProcess", (Consumer<PodSpec>) s -> web(s)
                        .setWindowsOptions(new WindowsSecurityContextOptionsBuilder().withHostProcess(true).build()),
                        "windowsHostProcess", "containers[web].securityContext.windowsOptions.hostProcess"),
                Arguments.of("probe host", (Consumer<PodSpec>) s -> s.getContainers().get(0).getReadinessProbe().getHttpGet()
                        .setHost("10.0.0.1"), "hostProbesAndHostLifecycle", "containers[web].readinessProbe.httpGet.host"),
                Arguments.of("lifecycle host", (Consumer<PodSpec>) s -> s.getContainers().get(0).setLifecycle(new LifecycleBuilder()
                        .withNewPreStop().withTcpSocket(new TCPSocketActionBuilder().withHost("169.254.169.254")
                                .withPort(new IntOrString(80)).build()).endPreStop().build()),
                        "hostProbesAndHostLifecycle", "containers[web].lifecycle.preStop.tcpSocket.host"),
                Arguments.of("allowPrivilegeEscalation true", (Consumer<PodSpec>) s -> web(s).setAllowPrivilegeEscalation(true),
                        "allowPrivilegeEscalation", "containers[web].securityContext.allowPrivilegeEscalation"),
                Arguments.of("allowPrivilegeEscalation unset", (Consumer<PodSpec>) s -> web(s).setAllowPrivilegeEscalation(null),
                        "allowPrivilegeEscalation", "containers[web].securityContext.allowPrivilegeEscalation"),
                Arguments.of("runAsNonRoot false at pod level", (Consumer<PodSpec>) s -> s.getSecurityContext().setRunAsNonRoot(false),
                        "runAsNonRoot", "securityContext.runAsNonRoot"),
                Arguments.of("runAsNonRoot missing", (Consumer<PodSpec>) s -> s.getSecurityContext().setRunAsNonRoot(null),
                        "runAsNonRoot", "containers[web].securityContext.runAsNonRoot"),
                Arguments.of("runAsNonRoot false in container", (Consumer<PodSpec>) s -> web(s).setRunAsNonRoot(false),
                        "runAsNonRoot", "containers[web].securityContext.runAsNonRoot"),
                Arguments.of("runAsUser 0 at pod level", (Consumer<PodSpec>) s -> s.getSecurityContext().setRunAsUser(0L),
                        "runAsUser", "securityContext.runAsUser"),
                Arguments.of("runAsUser 0 in container", (Consumer<PodSpec>) s -> web(s).setRunAsUser(0L),
                        "runAsUser", "containers[web].securityContext.runAsUser"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("deviations")
    void eachDeviationFailsExactlyItsCheck(String name, Consumer<PodSpec> deviation, String check, String path) {
        PodSpec spec = compliant();
        deviation.accept(spec);
        List<Violation> violations = RestrictedPodSecurity.check(spec);
        assertEquals(Set.of(check), checks(violations), () -> name + ": " + violations);
        assertTrue(violations.stream().anyMatch(v -> v.path().equals(path)), () -> name + ": " + violations);
        violations.forEach(v -> assertTrue(v.message().startsWith(v.path()), v::toString));
    }

    @Test
    void messageSaysWhatToChange() {
        PodSpec spec = compliant();
        web(spec).setAllowPrivilegeEscalation(true);
        assertEquals(List.of(new Violation("allowPrivilegeEscalation", "containers[web].securityContext.allowPrivilegeEscalation",
                "containers[web].securityContext.allowPrivilegeEscalation must be false")), RestrictedPodSecurity.check(spec));
    }

    @Test
    void netBindServiceMayBeAdded() {
        PodSpec spec = compliant();
        web(spec).getCapabilities().setAdd(List.of("NET_BIND_SERVICE"));
        assertEquals(List.of(), RestrictedPodSecurity.check(spec));
    }

    @Test
    void localhostProfilesAreAccepted() {
        PodSpec spec = compliant();
        spec.getSecurityContext().setSeccompProfile(new SeccompProfileBuilder().withType("Localhost")
                .withLocalhostProfile("profiles/audit.json").build());
        spec.getSecurityContext().setAppArmorProfile(new AppArmorProfileBuilder().withType("RuntimeDefault").build());
        spec.getSecurityContext().setSeLinuxOptions(new SELinuxOptionsBuilder().withType("container_t").withLevel("s0:c1").build());
        spec.getSecurityContext().setSysctls(List.of(new SysctlBuilder().withName("net.ipv4.ip_unprivileged_port_start")
                .withValue("0").build()));
        web(spec).setProcMount("Default");
        assertEquals(List.of(), RestrictedPodSecurity.check(spec));
    }

    @Test
    void containerLevelSettingsReplacePodLevel() {
        PodSpec spec = compliant();
        spec.getSecurityContext().setRunAsNonRoot(null);
        spec.getSecurityContext().setSeccompProfile(null);
        web(spec).setRunAsNonRoot(true);
        web(spec).setSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build());
        assertEquals(List.of(), RestrictedPodSecurity.check(spec));
    }

    @Test
    void everyContainerMustCoverWhatThePodLeavesOpen() {
        PodSpec spec = compliant();
        spec.getSecurityContext().setRunAsNonRoot(null);
        web(spec).setRunAsNonRoot(true);
        spec.getContainers().add(secureContainer("sidecar"));
        List<Violation> violations = RestrictedPodSecurity.check(spec);
        assertEquals(List.of("containers[sidecar].securityContext.runAsNonRoot"),
                violations.stream().map(Violation::path).toList());
    }

    @Test
    void initContainersAreChecked() {
        PodSpec spec = compliant();
        // code-server Helm chart volumePermissions: a root busybox init container without securityContext
        spec.setInitContainers(List.of(new ContainerBuilder().withName("init-chmod-data").withImage("busybox")
                .withCommand("sh", "-c", "chown -R 1000:1000 /home/coder")
                .withNewSecurityContext().withRunAsUser(0L).endSecurityContext().build()));
        List<Violation> violations = RestrictedPodSecurity.check(spec);
        assertEquals(Set.of("allowPrivilegeEscalation", "capabilities_restricted", "runAsUser"), checks(violations));
        assertTrue(violations.stream().allMatch(v -> v.path().startsWith("initContainers[init-chmod-data].")), violations::toString);
    }

    @Test
    void compliantInitContainerPasses() {
        PodSpec spec = compliant();
        spec.setInitContainers(List.of(secureContainer("init")));
        assertEquals(List.of(), RestrictedPodSecurity.check(spec));
    }

    @Test
    void ephemeralContainersAreChecked() {
        PodSpec spec = compliant();
        spec.setEphemeralContainers(List.of(new EphemeralContainerBuilder().withName("debugger").withImage("busybox")
                .withTargetContainerName("web").build()));
        List<Violation> violations = RestrictedPodSecurity.check(spec);
        assertEquals(Set.of("allowPrivilegeEscalation", "capabilities_restricted"), checks(violations));
        assertTrue(violations.stream().allMatch(v -> v.path().startsWith("ephemeralContainers[debugger].")));
    }

    @Test
    void containerWithoutSecurityContextFailsBothContainerChecks() {
        PodSpec spec = compliant();
        spec.getContainers().get(0).setSecurityContext(null);
        assertEquals(Set.of("allowPrivilegeEscalation", "capabilities_restricted"), checks(RestrictedPodSecurity.check(spec)));
    }

    @Test
    void podWithoutAnySecurityFailsAllRestrictedChecksButPassesBaseline() {
        PodSpec spec = new PodSpecBuilder().addNewContainer().withName("app").withImage("nginx").endContainer().build();
        assertEquals(Set.of("allowPrivilegeEscalation", "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted"),
                checks(RestrictedPodSecurity.check(spec)));
        assertEquals(List.of(), RestrictedPodSecurity.checkBaseline(spec));
    }

    @Test
    void baselineUsesItsOwnChecks() {
        PodSpec spec = compliant();
        web(spec).getCapabilities().setAdd(List.of("SYS_ADMIN"));
        spec.getVolumes().add(new VolumeBuilder().withName("host").withNewHostPath().withPath("/").endHostPath().build());
        spec.getSecurityContext().getSeccompProfile().setType("Unconfined");
        web(spec).setProcMount("Unmasked");
        assertEquals(Set.of("capabilities_baseline", "hostPathVolumes", "seccompProfile_baseline", "procMount"),
                checks(RestrictedPodSecurity.checkBaseline(spec)));
        assertEquals(Set.of("capabilities_restricted", "restrictedVolumes", "seccompProfile_restricted", "procMount_restricted"),
                checks(RestrictedPodSecurity.check(spec)));
    }

    @Test
    void baselineAllowsDefaultCapabilities() {
        PodSpec spec = compliant();
        web(spec).getCapabilities().setAdd(List.of("CHOWN", "NET_BIND_SERVICE", "SETUID"));
        assertEquals(List.of(), RestrictedPodSecurity.checkBaseline(spec));
    }

    @Test
    void userNamespacePodsMayRunAsRootInside() {
        PodSpec spec = compliant();
        spec.setHostUsers(false);
        spec.getSecurityContext().setRunAsNonRoot(null);
        spec.getSecurityContext().setRunAsUser(0L);
        assertEquals(List.of(), RestrictedPodSecurity.check(spec));
        web(spec).setProcMount("Unmasked");
        assertEquals(Set.of("procMount_restricted"), checks(RestrictedPodSecurity.check(spec)));
        assertEquals(List.of(), RestrictedPodSecurity.checkBaseline(spec));
    }

    @Test
    void windowsPodsAreExemptFromLinuxOnlyChecks() {
        PodSpec spec = compliant();
        spec.setOs(new io.fabric8.kubernetes.api.model.PodOS("windows"));
        spec.getSecurityContext().setSeccompProfile(null);
        spec.getContainers().get(0).setSecurityContext(null);
        assertEquals(List.of(), RestrictedPodSecurity.check(spec));
    }

    @Test
    void probeHostMayBeLoopback() {
        PodSpec spec = compliant();
        spec.getContainers().get(0).getReadinessProbe().setHttpGet(new HTTPGetActionBuilder().withHost("127.0.0.1")
                .withPort(new IntOrString(8080)).build());
        assertEquals(List.of(), RestrictedPodSecurity.check(spec));
    }

    @Test
    void violationsOfSeveralContainersAreAllReported() {
        PodSpec spec = compliant();
        spec.getContainers().add(secureContainer("a"));
        spec.getContainers().add(secureContainer("b"));
        spec.getContainers().forEach(c -> c.getSecurityContext().setPrivileged(true));
        assertEquals(List.of("containers[web].securityContext.privileged", "containers[a].securityContext.privileged",
                "containers[b].securityContext.privileged"),
                RestrictedPodSecurity.check(spec).stream().map(Violation::path).toList());
    }

    @Test
    void checkIdsMatchPodSecurityAdmission() {
        assertEquals(19, PodSecurityCheck.values().length);
        assertEquals(12, PodSecurityCheck.at(PodSecurityLevel.BASELINE).size());
        assertEquals(15, PodSecurityCheck.at(PodSecurityLevel.RESTRICTED).size());
        assertEquals(Map.of("restrictedVolumes", "hostPathVolumes", "capabilities_restricted", "capabilities_baseline",
                "seccompProfile_restricted", "seccompProfile_baseline", "procMount_restricted", "procMount"),
                Stream.of(PodSecurityCheck.values()).filter(c -> c.overrides() != null)
                        .collect(Collectors.toMap(PodSecurityCheck::id, c -> c.overrides().id())));
    }
}
