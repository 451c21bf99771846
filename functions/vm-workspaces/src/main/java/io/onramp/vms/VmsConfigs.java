package io.onramp.vms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.onramp.core.config.OnrampConfig;
import io.onramp.core.error.OnrampException;
import io.onramp.exoscale.CreateInstanceRequest;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@link VmsConfig} outside Quarkus (tests, tools), and the checks of its values. */
public final class VmsConfigs {

    /** {@code family.size}, e.g. {@code standard.medium} or {@code gpu3080ti.small}. */
    static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9]{0,31}\\.[a-z][a-z0-9-]{0,31}");
    static final Pattern CIDR = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
                    + "/(3[0-2]|[12]?[0-9])");
    static final Pattern VERSION = Pattern.compile("v?[0-9]+\\.[0-9]+\\.[0-9]+([-+.][A-Za-z0-9.]+)?");
    static final Pattern EXTENSION = Pattern.compile("[a-z0-9][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*(@[0-9]+\\.[0-9]+\\.[0-9]+)?");
    static final Pattern SECURITY_GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,250}");

    private VmsConfigs() {
    }

    /** All defaults (no password key). */
    public static VmsConfig defaults() {
        return of(Map.of());
    }

    /** The defaults with {@code properties} (full keys) on top; reads neither the environment nor system properties. */
    public static VmsConfig of(Map<String, String> properties) {
        return config(properties).getConfigMapping(VmsConfig.class);
    }

    /** Core's {@code onramp.*} settings from {@code properties} (e.g. {@code onramp.exoscale.api-key}). */
    public static OnrampConfig onramp(Map<String, String> properties) {
        return config(properties).getConfigMapping(OnrampConfig.class);
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(VmsConfig.class)
                .withMapping(OnrampConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // "3m" as in Quarkus
                .withSources(new PropertiesConfigSource(properties, "onramp-vms-overrides", 500))
                .build();
    }

    /** Everything wrong with the settings, each naming its key; empty when they are usable. */
    public static List<String> problems(VmsConfig config) {
        List<String> problems = new ArrayList<>();
        List<String> allowed = config.allowedInstanceTypes().stream().map(t -> t.trim().toLowerCase(Locale.ROOT))
                .toList();
        if (allowed.isEmpty()) {
            problems.add("onramp.vms.allowed-instance-types is empty");
        }
        for (String type : allowed) {
            if (!INSTANCE_TYPE.matcher(type).matches()) {
                problems.add("onramp.vms.allowed-instance-types: '" + type + "' is not family.size");
            }
        }
        if (!allowed.contains(config.instanceType().trim().toLowerCase(Locale.ROOT))) {
            problems.add("onramp.vms.instance-type '" + config.instanceType()
                    + "' is not in onramp.vms.allowed-instance-types");
        }
        if (config.minDiskGb() < CreateInstanceRequest.MIN_DISK_GIB) {
            problems.add("onramp.vms.min-disk-gb must be at least " + CreateInstanceRequest.MIN_DISK_GIB);
        }
        if (config.maxDiskGb() > CreateInstanceRequest.MAX_DISK_GIB || config.maxDiskGb() < config.minDiskGb()) {
            problems.add("onramp.vms.max-disk-gb must be within onramp.vms.min-disk-gb.."
                    + CreateInstanceRequest.MAX_DISK_GIB);
        }
        if (config.diskGb() < config.minDiskGb() || config.diskGb() > config.maxDiskGb()) {
            problems.add("onramp.vms.disk-gb must be within onramp.vms.min-disk-gb..onramp.vms.max-disk-gb");
        }
        if (config.template().isBlank() || config.template().length() > 255) {
            problems.add("onramp.vms.template must name a template");
        }
        if (config.codeServerPort() < 1024 || config.codeServerPort() > 65535 || config.codeServerPort() == 22) {
            problems.add("onramp.vms.code-server-port must be within 1024..65535");
        }
        if (config.allowedIngressCidrs().isEmpty()) {
            problems.add("onramp.vms.allowed-ingress-cidrs is empty: nobody could reach the IDE");
        }
        for (String cidr : config.allowedIngressCidrs()) {
            if (!CIDR.matcher(cidr.trim()).matches()) {
                problems.add("onramp.vms.allowed-ingress-cidrs: '" + cidr + "' is not an IPv4 CIDR");
            }
        }
        for (String cidr : config.probeCidrs().orElse(List.of())) {
            if (!CIDR.matcher(cidr.trim()).matches()) {
                problems.add("onramp.vms.probe-cidrs: '" + cidr + "' is not an IPv4 CIDR");
            }
        }
        if (!SECURITY_GROUP.matcher(config.securityGroup()).matches()) {
            problems.add("onramp.vms.security-group must be 1..251 of [A-Za-z0-9._-]");
        }
        if (config.maxRunning() < 0 || config.maxRunningPerDeveloper() < 0) {
            problems.add("onramp.vms.max-running and onramp.vms.max-running-per-developer must not be negative");
        }
        if (config.operationDeadline().isNegative() || config.operationDeadline().isZero()) {
            problems.add("onramp.vms.operation-deadline must be positive");
        }
        if (config.recheckInterval().isNegative() || config.recheckInterval().isZero()) {
            problems.add("onramp.vms.recheck-interval must be positive");
        }
        config.labFilesUrl().ifPresent(url -> {
            if (!LabUrls.valid(url)) {
                problems.add("onramp.vms.lab-files-url must be an http(s) URL containing {lab}");
            }
        });
        if (config.tls().cert().isPresent() != config.tls().key().isPresent()) {
            problems.add("onramp.vms.tls.cert and onramp.vms.tls.key go together");
        }
        // both travel in the user-data, which Exoscale caps at 32768 base64 characters
        config.tls().cert().ifPresent(c -> pem(problems, "onramp.vms.tls.cert", c, "CERTIFICATE", 8_000));
        config.tls().key().ifPresent(k -> pem(problems, "onramp.vms.tls.key", k, "PRIVATE KEY", 4_000));
        VmsConfig.Tools tools = config.tools();
        tools.codeServerVersion().ifPresent(v -> version(problems, "onramp.vms.tools.code-server-version", v));
        version(problems, "onramp.vms.tools.kind-version", tools.kindVersion());
        version(problems, "onramp.vms.tools.kubectl-version", tools.kubectlVersion());
        if (!EXTENSION.matcher(tools.codetourExtension()).matches()) {
            problems.add("onramp.vms.tools.codetour-extension must be publisher.name[@x.y.z]");
        }
        return problems;
    }

    /** @throws OnrampException UNAVAILABLE listing the problems, when there are any */
    public static void require(VmsConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw OnrampException.unavailable("VM workspaces are misconfigured: " + String.join("; ", problems));
        }
    }

    private static void version(List<String> problems, String key, String value) {
        if (!VERSION.matcher(value).matches()) {
            problems.add(key + " must be a version like 1.2.3");
        }
    }

    private static void pem(List<String> problems, String key, String value, String kind, int max) {
        String v = value.strip();
        if (!v.startsWith("-----BEGIN ") || !v.contains(kind) || !v.endsWith("-----") || v.length() > max) {
            problems.add(key + " must be a PEM " + kind + " of at most " + max + " characters");
        }
    }
}
