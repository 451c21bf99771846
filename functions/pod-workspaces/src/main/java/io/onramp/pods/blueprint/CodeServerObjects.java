package io.onramp.pods.blueprint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;

/**
 * The code-server objects: Secret, tools ConfigMap, lab ConfigMap, home PVC, Deployment, Service and Ingress. The
 * pod passes the restricted Pod Security Standard (tenancy.md 4.1, 4.2): non-root uid/gid 1000, fsGroup 1000,
 * RuntimeDefault seccomp, no privilege escalation, all capabilities dropped, only PVC and ConfigMap volumes.
 * <p>
 * {@code onramp-check} (lab tours run it): the script from the ConfigMap {@value #TOOLS_CONFIG_MAP}, mounted read-only
 * at {@value #TOOLS_DIR} with mode 0555 and appended to code-server's {@code PATH}; code-server gets
 * {@code ONRAMP_URL} ({@code onramp.pods.onramp-url}), {@code ONRAMP_WORKSPACE_ID} and {@code ONRAMP_TOKEN}, the
 * workspace token from the Secret's key {@value #TOKEN_KEY}.
 */
public final class CodeServerObjects {

    public static final String NAME = "code-server";
    public static final String SECRET = "code-server";
    public static final String PASSWORD_KEY = "password";
    public static final String HOME_PVC = "code-server-home";
    public static final String DEFAULT_TLS_SECRET = "code-server-tls";
    public static final String SETUP_CONTAINER = "setup";
    public static final int PORT = 8080;
    public static final long UID = 1000L;
    public static final String HOME = "/home/coder";
    public static final String LABS = HOME + "/labs";
    /** Where the init container sees the lab ConfigMap (read-only). */
    public static final String LAB_MOUNT = "/onramp/lab";
    public static final String ENTRYPOINT = "/usr/bin/entrypoint.sh";
    public static final String CLUSTER_ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";
    /** Key of the workspace token in the Secret {@value #SECRET}, given to code-server as {@code ONRAMP_TOKEN}. */
    public static final String TOKEN_KEY = "onramp-token";
    /** The ConfigMap with Onramp's in-workspace commands ({@value #CHECK_COMMAND}). */
    public static final String TOOLS_CONFIG_MAP = "onramp-tools";
    /** Where code-server sees the tools ConfigMap; appended to its {@code PATH}. */
    public static final String TOOLS_DIR = "/onramp/bin";
    public static final String CHECK_COMMAND = "onramp-check";
    /** Read and execute for everyone, write for nobody. */
    public static final int TOOLS_MODE = 0555;
    public static final String ENV_URL = "ONRAMP_URL";
    public static final String ENV_TOKEN = "ONRAMP_TOKEN";
    public static final String ENV_WORKSPACE_ID = "ONRAMP_WORKSPACE_ID";
    private static final String HOME_VOLUME = "home";
    private static final String LAB_VOLUME = "lab";
    private static final String TOOLS_VOLUME = "onramp-tools";
    private static final String CHECK_SCRIPT = resource("onramp-check.sh");

    private CodeServerObjects() {
    }

    /** Selector of the code-server pods (Deployment and Service). */
    public static Map<String, String> selector() {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(BlueprintLabels.NAME, NAME);
        selector.put(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE);
        return selector;
    }

    /** The lab's ConfigMap name: {@code lab-<lab>}. */
    public static String labConfigMapName(String lab) {
        return "lab-" + lab;
    }

    /** The folder code-server opens: {@code /home/coder/labs/<lab>} with a lab, else {@code /home/coder}. */
    public static String folder(String lab) {
        return lab == null ? HOME : LABS + "/" + lab;
    }

    /** The {@value #CHECK_COMMAND} script (POSIX sh) placed on code-server's {@code PATH}. */
    public static String checkScript() {
        return CHECK_SCRIPT;
    }

    /**
     * @param workspaceToken a workspace token minted just now, written to the Secret (replacing an older one); null
     *        leaves the Secret's token as it is
     */
    static List<HasMetadata> render(BlueprintInput input, PodsConfig config, String image, String password,
            String workspaceToken, Function<String, ObjectMeta> meta) {
        PodsConfig.SizeConfig size = config.sizes().of(input.size());
        List<LabFiles.Entry> files = input.lab() == null ? List.of() : LabFiles.entries(input.labFiles());
        List<HasMetadata> out = new ArrayList<>();
        SecretBuilder secret = new SecretBuilder()
                .withMetadata(meta.apply(SECRET))
                .withType("Opaque")
                .addToData(PASSWORD_KEY, base64(password));
        if (workspaceToken != null) {
            secret.addToData(TOKEN_KEY, base64(workspaceToken));
        }
        out.add(secret.build());
        out.add(new ConfigMapBuilder()
                .withMetadata(meta.apply(TOOLS_CONFIG_MAP))
                .withData(Map.of(CHECK_COMMAND, CHECK_SCRIPT))
                .build());
        if (!files.isEmpty()) {
            ObjectMeta cmMeta = meta.apply(labConfigMapName(input.lab()));
            cmMeta.getAnnotations().put(BlueprintLabels.LAB, input.lab());
            Map<String, String> data = new LinkedHashMap<>();
            files.forEach(f -> data.put(f.key(), f.content()));
            out.add(new ConfigMapBuilder().withMetadata(cmMeta).withData(data).build());
        }
        var pvc = new PersistentVolumeClaimBuilder()
                .withMetadata(meta.apply(HOME_PVC))
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity(size.homeSize()))
                .endResources()
                .endSpec();
        config.codeServer().storageClass().ifPresent(sc -> pvc.editSpec().withStorageClassName(sc).endSpec());
        out.add(pvc.build());
        out.add(deployment(input, config, image, size, files, meta));
        out.add(new ServiceBuilder()
                .withMetadata(meta.apply(NAME))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector())
                .addNewPort()
                .withName("http")
                .withProtocol("TCP")
                .withPort(PORT)
                .withTargetPort(new IntOrString(PORT))
                .endPort()
                .endSpec()
                .build());
        out.add(ingress(input, config, meta));
        return out;
    }

    private static HasMetadata deployment(BlueprintInput input, PodsConfig config, String image,
            PodsConfig.SizeConfig size, List<LabFiles.Entry> files, Function<String, ObjectMeta> meta) {
        ObjectMeta deploymentMeta = meta.apply(NAME);
        deploymentMeta.getLabels().put(BlueprintLabels.NAME, NAME);
        deploymentMeta.getLabels().put(BlueprintLabels.COMPONENT, "ide");
        Map<String, String> podLabels = new LinkedHashMap<>(deploymentMeta.getLabels());
        Map<String, String> podAnnotations = new LinkedHashMap<>();
        if (input.lab() != null) {
            deploymentMeta.getAnnotations().put(BlueprintLabels.LAB, input.lab());
            podAnnotations.put(BlueprintLabels.LAB_CHECKSUM, LabFiles.checksum(input.labFiles()));
        }
        ResourceRequirements resources = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(size.codeServerRequestsCpu()))
                .addToRequests("memory", new Quantity(size.codeServerRequestsMemory()))
                .addToLimits("cpu", new Quantity(size.codeServerLimitsCpu()))
                .addToLimits("memory", new Quantity(size.codeServerLimitsMemory()))
                .build();
        VolumeMount homeMount = new VolumeMountBuilder().withName(HOME_VOLUME).withMountPath(HOME).build();
        List<VolumeMount> setupMounts = new ArrayList<>(List.of(homeMount));
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName(HOME_VOLUME)
                .withNewPersistentVolumeClaim().withClaimName(HOME_PVC).endPersistentVolumeClaim()
                .build());
        if (!files.isEmpty()) {
            List<KeyToPath> items = files.stream()
                    .map(f -> new KeyToPathBuilder().withKey(f.key()).withPath(f.path()).build())
                    .toList();
            volumes.add(new VolumeBuilder()
                    .withName(LAB_VOLUME)
                    .withNewConfigMap()
                    .withName(labConfigMapName(input.lab()))
                    .withItems(items)
                    .withDefaultMode(0644)
                    .endConfigMap()
                    .build());
            setupMounts.add(new VolumeMountBuilder().withName(LAB_VOLUME).withMountPath(LAB_MOUNT)
                    .withReadOnly(true).build());
        }
        Container setup = new ContainerBuilder()
                .withName(SETUP_CONTAINER)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", setupScript(input.lab(), !files.isEmpty(), config.codeServer()))
                .withEnv(homeEnv())
                .withResources(resources)
                .withSecurityContext(containerSecurityContext())
                .withVolumeMounts(setupMounts)
                .build();
        volumes.add(new VolumeBuilder()
                .withName(TOOLS_VOLUME)
                .withNewConfigMap()
                .withName(TOOLS_CONFIG_MAP)
                .withItems(new KeyToPathBuilder().withKey(CHECK_COMMAND).withPath(CHECK_COMMAND).build())
                .withDefaultMode(TOOLS_MODE)
                .endConfigMap()
                .build());
        Container codeServer = new ContainerBuilder()
                .withName(NAME)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand(ENTRYPOINT)
                .withArgs("--bind-addr", "0.0.0.0:" + PORT, "--auth", "password", folder(input.lab()))
                .withEnv(homeEnv(), new EnvVarBuilder()
                        .withName("PASSWORD")
                        .withNewValueFrom()
                        .withNewSecretKeyRef().withName(SECRET).withKey(PASSWORD_KEY).endSecretKeyRef()
                        .endValueFrom()
                        .build(),
                        new EnvVarBuilder().withName("PATH")
                                .withValue(config.codeServer().path() + ":" + TOOLS_DIR).build(),
                        new EnvVarBuilder().withName(ENV_URL).withValue(config.onrampUrl()).build(),
                        new EnvVarBuilder().withName(ENV_WORKSPACE_ID).withValue(input.workspaceId()).build(),
                        // optional: the IDE starts even before its token is there; onramp-check then says so
                        new EnvVarBuilder()
                                .withName(ENV_TOKEN)
                                .withNewValueFrom()
                                .withNewSecretKeyRef().withName(SECRET).withKey(TOKEN_KEY).withOptional(true)
                                .endSecretKeyRef()
                                .endValueFrom()
                                .build())
                .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
                .withNewReadinessProbe()
                .withNewHttpGet().withPath("/healthz").withPort(new IntOrString(PORT)).endHttpGet()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(10)
                .withTimeoutSeconds(3)
                .withFailureThreshold(3)
                .endReadinessProbe()
                .withResources(resources)
                .withSecurityContext(containerSecurityContext())
                .withVolumeMounts(homeMount, new VolumeMountBuilder().withName(TOOLS_VOLUME).withMountPath(TOOLS_DIR)
                        .withReadOnly(true).build())
                .build();
        return new DeploymentBuilder()
                .withMetadata(deploymentMeta)
                .withNewSpec()
                .withReplicas(1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(selector()).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec()
                .withServiceAccountName(NamespaceBlueprint.SERVICE_ACCOUNT)
                .withEnableServiceLinks(false)
                .withSecurityContext(podSecurityContext())
                .withInitContainers(setup)
                .withContainers(codeServer)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static HasMetadata ingress(BlueprintInput input, PodsConfig config, Function<String, ObjectMeta> meta) {
        PodsConfig.IngressConfig ingress = config.ingress();
        String host = BlueprintUrls.host(input, config);
        ObjectMeta ingressMeta = meta.apply(NAME);
        ingress.clusterIssuer().ifPresent(issuer -> ingressMeta.getAnnotations().put(CLUSTER_ISSUER_ANNOTATION,
                issuer));
        IngressBuilder builder = new IngressBuilder()
                .withMetadata(ingressMeta)
                .withNewSpec()
                .withIngressClassName(ingress.className().filter(s -> !s.isBlank()).orElse(null))
                .addNewRule()
                .withHost(host)
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService().withName(NAME).withNewPort().withNumber(PORT).endPort().endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec();
        if (ingress.tls()) {
            builder.editSpec()
                    .withTls(new IngressTLSBuilder()
                            .withHosts(host)
                            .withSecretName(ingress.tlsSecretName().orElse(DEFAULT_TLS_SECRET))
                            .build())
                    .endSpec();
        }
        return builder.build();
    }

    /**
     * The init container's script: copy the lab's files into the lab folder without overwriting what the developer
     * already has ({@code cp -n}, so a restart keeps their edits and adds new files), then install the pinned
     * CodeTour extension; both steps only warn on failure (offline clusters still get an IDE).
     */
    static String setupScript(String lab, boolean hasFiles, PodsConfig.CodeServer codeServer) {
        StringBuilder script = new StringBuilder();
        if (lab != null) {
            String dir = folder(lab);
            script.append("mkdir -p '").append(dir).append("'\n");
            if (hasFiles) {
                script.append("for f in ").append(LAB_MOUNT).append("/* ").append(LAB_MOUNT).append("/.[!.]*; do\n")
                        .append("  [ -e \"$f\" ] || continue\n")
                        .append("  cp -R -L -n \"$f\" '").append(dir)
                        .append("/' || echo \"onramp: could not copy $f\" >&2\n")
                        .append("done\n");
            }
        }
        script.append("timeout ").append(codeServer.extensionInstallTimeoutSeconds())
                .append(" code-server --install-extension '").append(codeServer.codetourExtension())
                .append("' || echo 'onramp: CodeTour was not installed (offline?); continuing' >&2\n")
                .append("exit 0\n");
        return script.toString();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        try (java.io.InputStream in = CodeServerObjects.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + CodeServerObjects.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static EnvVar homeEnv() {
        return new EnvVarBuilder().withName("HOME").withValue(HOME).build();
    }

    static PodSecurityContext podSecurityContext() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(UID)
                .withRunAsGroup(UID)
                .withFsGroup(UID)
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }
}
