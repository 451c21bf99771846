package io.onramp.vms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the user-data of a VM workspace from the template {@code content/cloud-init/vm-workspace.yaml} (bundled
 * as {@value #RESOURCE}). Every placeholder must stand alone as the value of a key and becomes one double-quoted
 * scalar ({@link YamlScalars}); values the VM's scripts use arrive only through {@code /etc/onramp/workspace.env},
 * shell-quoted ({@link ShellWords}). So no owner or lab name can change the YAML's structure or run in a shell.
 */
public final class CloudInit {

    static final String RESOURCE = "/io/onramp/vms/cloud-init/vm-workspace.yaml";
    /** Exoscale's limit on base64 user-data; the CLI and Terraform refuse this length itself. */
    public static final int MAX_BASE64_LENGTH = 32768;
    /** The owner is shown on the VM only; longer names are cut there. */
    static final int MAX_OWNER_SHOWN = 256;
    static final String TLS_DIR = "/etc/onramp/tls";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
    private static final Pattern STANDALONE = Pattern.compile("(?m)^ *(- )?[a-z_]+: \\{\\{[A-Z_]+}}$");

    private final String template;

    private CloudInit(String template) {
        if (!template.startsWith("#cloud-config\n")) {
            throw new IllegalStateException("The cloud-init template must start with #cloud-config");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        int total = 0;
        while (m.find()) {
            total++;
        }
        Matcher standalone = STANDALONE.matcher(template);
        int alone = 0;
        while (standalone.find()) {
            alone++;
        }
        if (alone != total) {
            throw new IllegalStateException("Every placeholder of the cloud-init template must stand alone as the "
                    + "value of a key (found " + total + ", of which " + alone + " alone)");
        }
        this.template = template;
    }

    /** The template shipped in this jar. */
    public static CloudInit bundled() {
        try (InputStream in = CloudInit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The cloud-init template " + RESOURCE + " is not on the class path");
            }
            return new CloudInit(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CloudInit of(String template) {
        return new CloudInit(template);
    }

    /** The user-data as text. */
    public String render(BootSettings settings) {
        Map<String, String> values = values(settings);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 4096);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("Unknown placeholder {{" + m.group(1) + "}} in the cloud-init template");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(YamlScalars.quote(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The user-data, base64-encoded as {@code POST /instance} takes it.
     *
     * @throws IllegalStateException when it reaches {@value #MAX_BASE64_LENGTH} characters: the template and the
     *                               settings are Onramp's, so that is not the user's mistake
     */
    public String renderBase64(BootSettings settings) {
        String encoded = Base64.getEncoder().encodeToString(render(settings).getBytes(StandardCharsets.UTF_8));
        if (encoded.length() >= MAX_BASE64_LENGTH) {
            throw new IllegalStateException("The VM user-data is " + encoded.length() + " base64 characters; Exoscale "
                    + "takes fewer than " + MAX_BASE64_LENGTH + ". Shorten the template or the TLS certificate.");
        }
        return encoded;
    }

    private static Map<String, String> values(BootSettings s) {
        VmsConfig config = s.config();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("HOSTNAME", hostname(s));
        values.put("WORKSPACE_ENV", environment(s));
        values.put("CODE_SERVER_CONFIG", codeServerConfig(s));
        values.put("TLS_CERT", config.tls().cert().map(CloudInit::pem).orElse(""));
        values.put("TLS_KEY", config.tls().key().map(CloudInit::pem).orElse(""));
        return values;
    }

    static String hostname(BootSettings s) {
        return "onramp-" + s.workspaceId().toString().replace("-", "").substring(0, 12);
    }

    static String environment(BootSettings s) {
        VmsConfig.Tools tools = s.config().tools();
        return ShellWords.assignment("ONRAMP_WORKSPACE_ID", s.workspaceId().toString())
                + ShellWords.assignment("ONRAMP_OWNER", clip(s.owner(), MAX_OWNER_SHOWN))
                + ShellWords.assignment("ONRAMP_LAB", clip(s.lab(), 64))
                + ShellWords.assignment("ONRAMP_LAB_URL", s.labFilesUrl())
                + ShellWords.assignment("ONRAMP_USER", s.user())
                + ShellWords.assignment("ONRAMP_CODE_SERVER_PORT", Integer.toString(s.config().codeServerPort()))
                + ShellWords.assignment("ONRAMP_CODE_SERVER_VERSION", tools.codeServerVersion().orElse(""))
                + ShellWords.assignment("ONRAMP_KIND_VERSION", tools.kindVersion())
                + ShellWords.assignment("ONRAMP_KUBECTL_VERSION", tools.kubectlVersion())
                + ShellWords.assignment("ONRAMP_CODETOUR_EXTENSION", tools.codetourExtension());
    }

    /** code-server's {@code config.yaml}: password auth with the Argon2id hash, TLS, no telemetry. */
    static String codeServerConfig(BootSettings s) {
        return "bind-addr: " + YamlScalars.quote("0.0.0.0:" + s.config().codeServerPort()) + "\n"
                + "auth: password\n"
                + "hashed-password: " + YamlScalars.quote(s.hashedPassword()) + "\n"
                + "cert: " + YamlScalars.quote(TLS_DIR + "/cert.pem") + "\n"
                + "cert-key: " + YamlScalars.quote(TLS_DIR + "/key.pem") + "\n"
                + "disable-telemetry: true\n"
                + "disable-update-check: true\n";
    }

    private static String pem(String pem) {
        String p = pem.strip().replace("\r\n", "\n");
        return p.endsWith("\n") ? p : p + "\n";
    }

    /** At most {@code max} code points. */
    private static String clip(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }
}
