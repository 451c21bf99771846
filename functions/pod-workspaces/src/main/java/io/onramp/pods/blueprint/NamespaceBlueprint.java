package io.onramp.pods.blueprint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.onramp.core.error.OnrampException;

/**
 * Renders everything Onramp creates for one developer: a pure function of the input, the configuration and the
 * code-server password. The list is in apply order, which keeps every prefix of it safe: the Namespace, then the
 * guardrails (quota and LimitRange before any pod, default-deny before the allow policies), RBAC, and only then the
 * IDE objects, with the Ingress last.
 *
 * <p>
 * The Secret in the list carries the password: never log rendered objects. {@link BlueprintApplier} keeps the
 * password of an existing Secret, so the effective password is the one stored in the cluster
 * ({@link BlueprintApplier#codeServerPassword(String)}), not necessarily the one rendered.
 */
public final class NamespaceBlueprint {

    public static final String QUOTA = "onramp-quota";
    public static final String LIMIT_RANGE = "onramp-limits";
    public static final String SERVICE_ACCOUNT = "developer";
    public static final String ROLE_BINDING = "onramp-developer";
    public static final String ENFORCED_LEVEL = "restricted";

    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_]*\\.[-A-Za-z0-9_]+"
            + "(@[0-9A-Za-z][-0-9A-Za-z.+]*)?");
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern IPV6_CIDR =
            Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/(12[0-8]|1[01]\\d|[1-9]?\\d)");
    private static final Pattern DNS_NAME = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_LAB_LENGTH = 59;
    private static final int MAX_OWNER_LENGTH = 253;

    private NamespaceBlueprint() {
    }

    /** Renders with a fresh random password ({@link Passwords#generate()}). */
    public static List<HasMetadata> render(BlueprintInput input, PodsConfig config) {
        return render(input, config, Passwords::generate);
    }

    /**
     * Renders the namespace's objects in apply order.
     *
     * @param password called once, for {@link Ide#CODE_SERVER} only; at least {@value Passwords#MIN_LENGTH}
     *        characters
     * @throws OnrampException bad input for an invalid or disallowed input (message says what is allowed)
     * @throws IllegalStateException when the configuration is inconsistent (see {@link #checkConfig})
     */
    public static List<HasMetadata> render(BlueprintInput input, PodsConfig config, Supplier<String> password) {
        return render(input, config, password, null);
    }

    /**
     * Renders the namespace's objects in apply order, with a workspace token minted just now for {@code onramp-check}
     * (written to the code-server Secret, replacing an older one; {@link BlueprintApplier} keeps the stored one when
     * this is null).
     *
     * @param workspaceToken the token, or null to leave the Secret's token alone; ignored without code-server
     */
    public static List<HasMetadata> render(BlueprintInput input, PodsConfig config, Supplier<String> password,
            String workspaceToken) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(password, "password");
        checkConfig(config);
        validate(input);
        String image = input.ide() == Ide.CODE_SERVER ? image(input, config) : null;
        String user = NamespaceNames.userPart(input.owner());
        Function<String, ObjectMeta> meta = name -> meta(input, name, false);
        Function<String, ObjectMeta> guardrail = name -> meta(input, name, true);

        List<HasMetadata> out = new ArrayList<>();
        out.add(namespace(input, user));
        out.add(quota(input, config, guardrail));
        out.add(limitRange(config, guardrail));
        out.addAll(NetworkPolicies.render(config.network(), input.ide() == Ide.CODE_SERVER, guardrail));
        out.add(new ServiceAccountBuilder().withMetadata(meta.apply(SERVICE_ACCOUNT)).build());
        out.add(roleBinding(input, config, guardrail));
        if (input.ide() == Ide.CODE_SERVER) {
            String secret = password.get();
            if (secret == null || secret.length() < Passwords.MIN_LENGTH) {
                throw new IllegalArgumentException("the code-server password must have at least "
                        + Passwords.MIN_LENGTH + " characters");
            }
            out.addAll(CodeServerObjects.render(input, config, image, secret, workspaceToken, meta));
        }
        return out;
    }

    /** The image a CODE_SERVER input runs: its own if allowed, the default when it names none. */
    public static String image(BlueprintInput input, PodsConfig config) {
        String image = input.image() == null || input.image().isBlank() ? config.images().defaultImage()
                : input.image().trim();
        List<String> allowed = config.images().allowed();
        if (!allowed.contains(image)) {
            throw OnrampException.badInput("The image '" + image + "' is not allowed; allowed images: "
                    + String.join(", ", allowed) + ".");
        }
        return image;
    }

    /**
     * Checks the input: workspace id a label value, owner mappable and at most 253 characters, namespace a DNS
     * label, IDE and size set, lab a DNS label of at most {@value #MAX_LAB_LENGTH} characters, lab files only with a
     * lab and with valid paths.
     *
     * @throws OnrampException bad input
     */
    public static void validate(BlueprintInput input) {
        if (input.workspaceId() == null || input.workspaceId().isEmpty() || input.workspaceId().length() > 63
                || !LABEL_VALUE.matcher(input.workspaceId()).matches()) {
            throw OnrampException.badInput("The workspace id must be 1-63 characters of letters, digits, '-', '_' "
                    + "and '.', starting and ending with a letter or digit.");
        }
        NamespaceNames.userPart(input.owner());
        if (input.owner().length() > MAX_OWNER_LENGTH) {
            throw OnrampException.badInput("The owner name is longer than " + MAX_OWNER_LENGTH + " characters.");
        }
        if (!NamespaceNames.isDnsLabel(input.namespace())) {
            throw OnrampException.badInput("The namespace must be a DNS label: at most 63 lowercase letters, digits "
                    + "and '-', starting and ending with a letter or digit.");
        }
        if (input.ide() == null) {
            throw OnrampException.badInput("The IDE is missing; allowed: CODE_SERVER, NONE.");
        }
        if (input.size() == null) {
            throw OnrampException.badInput("The size is missing; allowed: SMALL, MEDIUM, LARGE.");
        }
        if (input.lab() != null && (input.lab().length() > MAX_LAB_LENGTH || !NamespaceNames.isDnsLabel(input.lab()))) {
            throw OnrampException.badInput("The lab name must be at most " + MAX_LAB_LENGTH + " lowercase letters, "
                    + "digits and '-', starting and ending with a letter or digit.");
        }
        if (input.lab() == null && !input.labFiles().isEmpty()) {
            throw OnrampException.badInput("Lab files were given without a lab name.");
        }
        if (input.lab() != null) {
            LabFiles.entries(input.labFiles());
        }
    }

    /**
     * Checks the configuration: default image allowed, selectors and CIDRs valid, ports in range, host pattern a DNS
     * name, LimitRange defaultRequest <= default <= max, and per size code-server requests <= limits <= LimitRange
     * max, code-server within the quota, home volume within the storage quota.
     *
     * @throws IllegalStateException listing every problem found
     */
    public static void checkConfig(PodsConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.images().allowed().isEmpty()) {
            problems.add("onramp.pods.images.allowed is empty");
        }
        if (!config.images().allowed().contains(config.images().defaultImage())) {
            problems.add("onramp.pods.images.default '" + config.images().defaultImage()
                    + "' is not in onramp.pods.images.allowed");
        }
        PodsConfig.Network network = config.network();
        selector(problems, "onramp.pods.network.onramp-namespace-selector", network.onrampNamespaceSelector());
        selector(problems, "onramp.pods.network.coder-namespace-selector", network.coderNamespaceSelector());
        selector(problems, "onramp.pods.network.ingress-namespace-selector", network.ingressNamespaceSelector());
        network.ingressPodSelector().ifPresent(s -> selector(problems, "onramp.pods.network.ingress-pod-selector", s));
        selector(problems, "onramp.pods.network.dns-namespace-selector", network.dnsNamespaceSelector());
        selector(problems, "onramp.pods.network.dns-pod-selector", network.dnsPodSelector());
        network.apiServerCidrs().orElse(List.of())
                .forEach(c -> cidr(problems, "onramp.pods.network.api-server-cidrs", c));
        network.internetExceptCidrs().forEach(c -> cidr(problems, "onramp.pods.network.internet-except-cidrs", c));
        for (int port : network.apiServerPorts()) {
            if (port < 1 || port > 65535) {
                problems.add("onramp.pods.network.api-server-ports: " + port + " is not a port");
            }
        }
        String host = BlueprintUrls.host(config.ingress().hostPattern(), "user", "onramp-user");
        if (host.length() > 253 || !DNS_NAME.matcher(host).matches()) {
            problems.add("onramp.pods.ingress.host-pattern does not give a DNS name: " + host);
        }
        if (!EXTENSION.matcher(config.codeServer().codetourExtension()).matches()) {
            problems.add("onramp.pods.code-server.codetour-extension must be publisher.name[@version]");
        }
        PodsConfig.LimitRangeConfig limits = config.limitRange();
        atMost(problems, "limit-range.default-request-cpu", limits.defaultRequestCpu(), "limit-range.default-cpu",
                limits.defaultCpu());
        atMost(problems, "limit-range.default-cpu", limits.defaultCpu(), "limit-range.max-cpu", limits.maxCpu());
        atMost(problems, "limit-range.default-request-memory", limits.defaultRequestMemory(),
                "limit-range.default-memory", limits.defaultMemory());
        atMost(problems, "limit-range.default-memory", limits.defaultMemory(), "limit-range.max-memory",
                limits.maxMemory());
        for (Size size : Size.values()) {
            PodsConfig.SizeConfig s = config.sizes().of(size);
            String p = "sizes." + size.name().toLowerCase(java.util.Locale.ROOT) + ".";
            atMost(problems, p + "code-server-requests-cpu", s.codeServerRequestsCpu(), p + "code-server-limits-cpu",
                    s.codeServerLimitsCpu());
            atMost(problems, p + "code-server-requests-memory", s.codeServerRequestsMemory(),
                    p + "code-server-limits-memory", s.codeServerLimitsMemory());
            atMost(problems, p + "code-server-limits-cpu", s.codeServerLimitsCpu(), "limit-range.max-cpu",
                    limits.maxCpu());
            atMost(problems, p + "code-server-limits-memory", s.codeServerLimitsMemory(), "limit-range.max-memory",
                    limits.maxMemory());
            atMost(problems, p + "code-server-requests-cpu", s.codeServerRequestsCpu(), p + "quota-requests-cpu",
                    s.quotaRequestsCpu());
            atMost(problems, p + "code-server-requests-memory", s.codeServerRequestsMemory(),
                    p + "quota-requests-memory", s.quotaRequestsMemory());
            atMost(problems, p + "code-server-limits-cpu", s.codeServerLimitsCpu(), p + "quota-limits-cpu",
                    s.quotaLimitsCpu());
            atMost(problems, p + "code-server-limits-memory", s.codeServerLimitsMemory(), p + "quota-limits-memory",
                    s.quotaLimitsMemory());
            atMost(problems, p + "home-size", s.homeSize(), p + "quota-storage", s.quotaStorage());
            if (s.quotaPods() < 1 || s.quotaPvcs() < 1) {
                problems.add("onramp.pods." + p + "quota-pods and quota-pvcs must be at least 1");
            }
        }
        if (config.quota().services() < 1 || config.quota().secrets() < 2 || config.quota().configmaps() < 3) {
            problems.add("onramp.pods.quota: services >= 1, secrets >= 2 and configmaps >= 3 are needed");
        }
        String url = config.onrampUrl();
        if (!url.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[-A-Za-z0-9._~/]*)?")) {
            problems.add("onramp.pods.onramp-url must be an http(s) URL without user-info, query or fragment");
        }
        if (!config.codeServer().path().matches("/[-A-Za-z0-9._/]*(:/[-A-Za-z0-9._/]*)*")) {
            problems.add("onramp.pods.code-server.path must be absolute directories separated by ':'");
        }
        if (config.codeServer().extensionInstallTimeoutSeconds() < 1) {
            problems.add("onramp.pods.code-server.extension-install-timeout-seconds must be positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid onramp.pods configuration: "
                    + String.join("; ", problems.stream().distinct().toList()));
        }
    }

    private static HasMetadata namespace(BlueprintInput input, String user) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE);
        labels.put(BlueprintLabels.OWNER, user);
        labels.put(BlueprintLabels.WORKSPACE_ID, input.workspaceId());
        for (String mode : List.of("enforce", "audit", "warn")) {
            labels.put(BlueprintLabels.POD_SECURITY_PREFIX + mode, ENFORCED_LEVEL);
            labels.put(BlueprintLabels.POD_SECURITY_PREFIX + mode + "-version", "latest");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(BlueprintLabels.OWNER, input.owner());
        if (input.coderWorkspaceId() != null && !input.coderWorkspaceId().isBlank()) {
            annotations.put(BlueprintLabels.CODER_WORKSPACE_ID, input.coderWorkspaceId());
        }
        if (input.lab() != null) {
            annotations.put(BlueprintLabels.LAB, input.lab());
        }
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(input.namespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build();
    }

    private static HasMetadata quota(BlueprintInput input, PodsConfig config, Function<String, ObjectMeta> meta) {
        PodsConfig.SizeConfig size = config.sizes().of(input.size());
        PodsConfig.Quota counts = config.quota();
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", new Quantity(size.quotaRequestsCpu()));
        hard.put("requests.memory", new Quantity(size.quotaRequestsMemory()));
        hard.put("limits.cpu", new Quantity(size.quotaLimitsCpu()));
        hard.put("limits.memory", new Quantity(size.quotaLimitsMemory()));
        hard.put("requests.storage", new Quantity(size.quotaStorage()));
        hard.put("persistentvolumeclaims", new Quantity(Integer.toString(size.quotaPvcs())));
        hard.put("pods", new Quantity(Integer.toString(size.quotaPods())));
        hard.put("services", new Quantity(Integer.toString(counts.services())));
        hard.put("services.loadbalancers", new Quantity("0"));
        hard.put("services.nodeports", new Quantity("0"));
        hard.put("count/secrets", new Quantity(Integer.toString(counts.secrets())));
        hard.put("count/configmaps", new Quantity(Integer.toString(counts.configmaps())));
        return new ResourceQuotaBuilder()
                .withMetadata(meta.apply(QUOTA))
                .withNewSpec().withHard(hard).endSpec()
                .build();
    }

    private static HasMetadata limitRange(PodsConfig config, Function<String, ObjectMeta> meta) {
        PodsConfig.LimitRangeConfig limits = config.limitRange();
        return new LimitRangeBuilder()
                .withMetadata(meta.apply(LIMIT_RANGE))
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .addToDefault("cpu", new Quantity(limits.defaultCpu()))
                .addToDefault("memory", new Quantity(limits.defaultMemory()))
                .addToDefaultRequest("cpu", new Quantity(limits.defaultRequestCpu()))
                .addToDefaultRequest("memory", new Quantity(limits.defaultRequestMemory()))
                .addToMax("cpu", new Quantity(limits.maxCpu()))
                .addToMax("memory", new Quantity(limits.maxMemory()))
                .endLimit()
                .endSpec()
                .build();
    }

    private static HasMetadata roleBinding(BlueprintInput input, PodsConfig config,
            Function<String, ObjectMeta> meta) {
        List<Subject> subjects = new ArrayList<>();
        subjects.add(new SubjectBuilder()
                .withKind("ServiceAccount")
                .withName(SERVICE_ACCOUNT)
                .withNamespace(input.namespace())
                .build());
        if (config.rbac().bindUser()) {
            subjects.add(new SubjectBuilder()
                    .withKind("User")
                    .withApiGroup("rbac.authorization.k8s.io")
                    .withName(input.owner())
                    .build());
        }
        return new RoleBindingBuilder()
                .withMetadata(meta.apply(ROLE_BINDING))
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName(DeveloperClusterRole.NAME)
                .endRoleRef()
                .withSubjects(subjects)
                .build();
    }

    /** Metadata of a namespaced object: name, namespace, managed-by and workspace-id labels (+ guardrail). */
    private static ObjectMeta meta(BlueprintInput input, String name, boolean guardrail) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BlueprintLabels.MANAGED_BY, BlueprintLabels.MANAGED_BY_VALUE);
        labels.put(BlueprintLabels.WORKSPACE_ID, input.workspaceId());
        if (guardrail) {
            labels.put(BlueprintLabels.GUARDRAIL, "true");
        }
        ObjectMeta meta = new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(input.namespace())
                .build();
        meta.setLabels(labels);
        meta.setAnnotations(new LinkedHashMap<>());
        return meta;
    }

    private static void selector(List<String> problems, String property, String value) {
        try {
            Selectors.parse(property, value);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static void cidr(List<String> problems, String property, String value) {
        String v = value == null ? "" : value.trim();
        if (!IPV4_CIDR.matcher(v).matches() && !IPV6_CIDR.matcher(v).matches()) {
            problems.add(property + ": '" + value + "' is not a CIDR");
        }
    }

    private static void atMost(List<String> problems, String smallName, String small, String bigName, String big) {
        BigDecimal a = amount(problems, smallName, small);
        BigDecimal b = amount(problems, bigName, big);
        if (a != null && b != null && a.compareTo(b) > 0) {
            problems.add("onramp.pods." + smallName + " (" + small + ") exceeds onramp.pods." + bigName + " (" + big
                    + ")");
        }
    }

    private static BigDecimal amount(List<String> problems, String name, String quantity) {
        try {
            return new Quantity(quantity).getNumericalAmount();
        } catch (RuntimeException e) {
            problems.add("onramp.pods." + name + ": '" + quantity + "' is not a quantity");
            return null;
        }
    }
}
