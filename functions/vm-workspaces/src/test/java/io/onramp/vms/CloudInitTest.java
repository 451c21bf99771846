package io.onramp.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The user-data of VM workspaces, rendered for benign and for hostile owners and labs. */
class CloudInitTest {

    static final UUID ID = UUID.fromString("3f1c9a52-7d2e-4b8a-9c01-5e6f7a8b9c0d");
    static final String HASH = CodeServerPasswords.encode("not-used", "0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            CodeServerPasswords.MEMORY_KIB, CodeServerPasswords.ITERATIONS, CodeServerPasswords.PARALLELISM, 32);
    static final VmsConfig CONFIG = VmsConfigs.of(Map.of("onramp.vms.lab-files-url",
            "https://onramp.example.com/labs/{lab}/workspace.tar.gz"));

    /** Every hostile value carries PWNED, so where it lands in the output can be checked. */
    static final List<String> HOSTILE = List.of(
            "PWNED\"; rm -rf / #",
            "o'PWNED'neil",
            "PWNED $(touch CANARY) ${HOME} $HOME",
            "PWNED `touch CANARY`",
            "PWNED\nruncmd: [reboot]\n- [touch, CANARY]",
            "---\nPWNED: true\n...\n--- !!python/object/apply:os.system ['touch CANARY']",
            "PWNED\r\n\u0085\u2028\u2029\uFEFF line separators",
            "PWNED \\\" \\n \\ backslashes \\",
            "PWNED {{WORKSPACE_ENV}} {{HOSTNAME}}",
            "#cloud-config\nPWNED",
            "PWNED: value\n  nested: &anchor *alias",
            "PWNED \u0000 nul \u0007 bell \u001b[31m escape",
            "Ålïçé PWNED 日本語 😀 \uD83D\uDE00 lone \uD800 surrogate",
            "PWNED'\\''\"'\"'",
            "PWNED" + "x".repeat(100_000),
            "PWNED" + "'$(touch CANARY)'".repeat(5_000));

    @Test
    void benignUserDataIsCloudConfigWithTheSettings() {
        String userData = CloudInit.bundled().render(settings("alice", "pods-and-labels"));
        assertTrue(userData.startsWith("#cloud-config\n"));
        assertFalse(userData.contains("{{"), "every placeholder replaced");
        Map<String, Object> doc = parse(userData);
        assertEquals("onramp-3f1c9a527d2e", doc.get("hostname"));
        assertEquals(List.of(List.of("bash", "/opt/onramp/bootstrap.sh")), doc.get("runcmd"));
        assertTrue(((List<?>) doc.get("packages")).contains("docker.io"));
        Map<String, String> env = parseEnv(file(doc, "/etc/onramp/workspace.env"));
        assertEquals(ID.toString(), env.get("ONRAMP_WORKSPACE_ID"));
        assertEquals("alice", env.get("ONRAMP_OWNER"));
        assertEquals("pods-and-labels", env.get("ONRAMP_LAB"));
        assertEquals("https://onramp.example.com/labs/pods-and-labels/workspace.tar.gz", env.get("ONRAMP_LAB_URL"));
        assertEquals("ubuntu", env.get("ONRAMP_USER"));
        assertEquals("8443", env.get("ONRAMP_CODE_SERVER_PORT"));
        assertEquals("vsls-contrib.codetour@0.0.58", env.get("ONRAMP_CODETOUR_EXTENSION"));
        assertEquals("v0.29.0", env.get("ONRAMP_KIND_VERSION"));
        assertEquals("v1.33.1", env.get("ONRAMP_KUBECTL_VERSION"));
        assertEquals("", env.get("ONRAMP_CODE_SERVER_VERSION"));

        Map<String, Object> codeServer = parse(file(doc, "/etc/onramp/code-server.yaml"));
        assertEquals("0.0.0.0:8443", codeServer.get("bind-addr"));
        assertEquals("password", codeServer.get("auth"));
        assertEquals(HASH, codeServer.get("hashed-password"));
        assertEquals("/etc/onramp/tls/cert.pem", codeServer.get("cert"));
        assertEquals("/etc/onramp/tls/key.pem", codeServer.get("cert-key"));
        assertEquals("", file(doc, "/etc/onramp/tls/provided-cert.pem"), "self-signed on the VM by default");
        assertEquals("", file(doc, "/etc/onramp/tls/provided-key.pem"));
        assertEquals("0600", permissions(doc, "/etc/onramp/workspace.env"));
        assertEquals("0600", permissions(doc, "/etc/onramp/code-server.yaml"));

        String bootstrap = file(doc, "/opt/onramp/bootstrap.sh");
        assertTrue(bootstrap.contains("code-server --install-extension \"$ONRAMP_CODETOUR_EXTENSION\""));
        assertTrue(bootstrap.contains("openssl req -x509"));
        assertTrue(file(doc, "/opt/onramp/on-boot.sh").contains("kind create cluster --name onramp"));
        assertTrue(file(doc, "/opt/onramp/on-boot.sh").contains("\"$ONRAMP_LAB_URL\""));

        int length = CloudInit.bundled().renderBase64(settings("alice", "pods-and-labels")).length();
        assertTrue(length < 16_000, "base64 length " + length);
    }

    @Test
    void hostileOwnersAndLabsStayInertQuotedScalars(@TempDir Path dir) throws Exception {
        CloudInit cloudInit = CloudInit.bundled();
        Map<String, Object> benign = parse(cloudInit.render(settings("alice", "pods-and-labels")));
        for (String hostile : HOSTILE) {
            String owner = hostile.replace("CANARY", dir.resolve("canary-owner").toString());
            String lab = hostile.replace("CANARY", dir.resolve("canary-lab").toString());
            BootSettings settings = settings(owner, lab);
            String userData = cloudInit.render(settings);
            String label = hostile.length() > 40 ? hostile.substring(0, 40) + "..." : hostile;

            assertTrue(userData.startsWith("#cloud-config\n"), label);
            String base64 = cloudInit.renderBase64(settings);
            assertTrue(base64.length() < CloudInit.MAX_BASE64_LENGTH, label + ": " + base64.length());
            assertEquals(userData, new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
            assertTrue(userData.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7F)), "ASCII only: " + label);

            // hostile text appears on one line only: the env file's quoted scalar
            for (String line : userData.split("\n")) {
                if (line.contains("PWNED")) {
                    assertTrue(line.startsWith("    content: \"ONRAMP_WORKSPACE_ID="), label + " leaked into: " + line);
                }
            }
            // the document has exactly the benign structure: same keys, files, permissions, commands
            Map<String, Object> doc = parse(userData);
            assertEquals(benign.keySet(), doc.keySet(), label);
            assertEquals(benign.get("runcmd"), doc.get("runcmd"), label);
            assertEquals(benign.get("packages"), doc.get("packages"), label);
            assertEquals(benign.get("hostname"), doc.get("hostname"), label);
            List<Map<String, Object>> files = files(doc);
            List<Map<String, Object>> benignFiles = files(benign);
            assertEquals(benignFiles.size(), files.size(), label);
            for (int i = 0; i < files.size(); i++) {
                Map<String, Object> f = files.get(i);
                Map<String, Object> b = benignFiles.get(i);
                assertEquals(b.keySet(), f.keySet(), label);
                assertEquals(b.get("path"), f.get("path"), label);
                assertEquals(b.get("permissions"), f.get("permissions"), label);
                if (!"/etc/onramp/workspace.env".equals(f.get("path"))) {
                    assertEquals(b.get("content"), f.get("content"), label + " changed " + f.get("path"));
                }
            }
            // and in the env file it is one inert single-quoted shell word
            String envText = file(doc, "/etc/onramp/workspace.env");
            Map<String, String> env = parseEnv(envText);
            String expectedOwner = shown(owner, CloudInit.MAX_OWNER_SHOWN);
            assertEquals(expectedOwner, env.get("ONRAMP_OWNER"), label);
            assertEquals(shown(lab, 64), env.get("ONRAMP_LAB"), label);
            assertEquals("", env.get("ONRAMP_LAB_URL"), "no URL for a malformed lab: " + label);
            assertEquals(10, env.size(), label);
            sourcedWithBash(dir, envText, expectedOwner, label);
        }
        assertFalse(Files.exists(dir.resolve("canary-owner")), "a command in the owner ran");
        assertFalse(Files.exists(dir.resolve("canary-lab")), "a command in the lab ran");
    }

    @Test
    void aConfiguredCertificateTravelsAsQuotedContent() {
        String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
        String key = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n";
        VmsConfig config = VmsConfigs.of(Map.of("onramp.vms.tls.cert", cert, "onramp.vms.tls.key", key));
        assertTrue(VmsConfigs.problems(config).isEmpty(), VmsConfigs.problems(config).toString());
        Map<String, Object> doc = parse(CloudInit.bundled().render(new BootSettings(ID, "alice", null, "", "ubuntu",
                HASH, config)));
        assertEquals(cert + "\n", file(doc, "/etc/onramp/tls/provided-cert.pem"));
        assertEquals(key, file(doc, "/etc/onramp/tls/provided-key.pem"));

        // the largest certificate and key the settings accept still fit, with a hostile owner on top
        String bigCert = pemOf("CERTIFICATE", 8_000);
        String bigKey = pemOf("PRIVATE KEY", 4_000);
        VmsConfig biggest = VmsConfigs.of(Map.of("onramp.vms.tls.cert", bigCert, "onramp.vms.tls.key", bigKey,
                "onramp.vms.lab-files-url", "https://onramp.example.com/" + "l".repeat(900) + "/{lab}"));
        assertTrue(VmsConfigs.problems(biggest).isEmpty(), VmsConfigs.problems(biggest).toString());
        String base64 = CloudInit.bundled().renderBase64(new BootSettings(ID, "\uD83D\uDE00".repeat(400),
                "pods-and-labels", LabUrls.of(biggest.labFilesUrl().orElseThrow(), "pods-and-labels"), "ubuntu", HASH,
                biggest));
        assertTrue(base64.length() < CloudInit.MAX_BASE64_LENGTH, "base64 length " + base64.length());
        assertTrue(VmsConfigs.problems(VmsConfigs.of(Map.of("onramp.vms.tls.cert", pemOf("CERTIFICATE", 8_100),
                "onramp.vms.tls.key", bigKey))).toString().contains("onramp.vms.tls.cert"));
    }

    /** A PEM block of about {@code length} characters. */
    static String pemOf(String kind, int length) {
        String head = "-----BEGIN " + kind + "-----\n";
        String tail = "-----END " + kind + "-----";
        StringBuilder body = new StringBuilder();
        while (head.length() + body.length() + 65 + tail.length() <= length) {
            body.append("A".repeat(64)).append('\n');
        }
        return head + body + tail;
    }

    @Test
    void userDataOverTheLimitIsOurBugNotTheUsers() {
        CloudInit oversized = CloudInit.of("#cloud-config\n# " + "x".repeat(30_000) + "\nhostname: {{HOSTNAME}}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> oversized.renderBase64(settings("alice", null)));
        assertTrue(e.getMessage().contains("32768"), e.getMessage());
        CloudInit justUnder = CloudInit.of("#cloud-config\n# " + "x".repeat(24_000) + "\nhostname: {{HOSTNAME}}\n");
        assertTrue(justUnder.renderBase64(settings("alice", null)).length() < CloudInit.MAX_BASE64_LENGTH);
    }

    @Test
    void placeholdersMustStandAloneAndBeKnown() {
        assertThrows(IllegalStateException.class, () -> CloudInit.of("#cloud-config\nruncmd:\n  - echo {{HOSTNAME}}\n"));
        assertThrows(IllegalStateException.class,
                () -> CloudInit.of("#cloud-config\nwrite_files:\n  - content: |\n      x: {{HOSTNAME}} y\n"));
        assertThrows(IllegalStateException.class, () -> CloudInit.of("hostname: {{HOSTNAME}}\n"));
        CloudInit unknown = CloudInit.of("#cloud-config\nhostname: {{NOPE}}\n");
        assertThrows(IllegalStateException.class, () -> unknown.render(settings("alice", null)));
        assertEquals("#cloud-config\nhostname: \"onramp-3f1c9a527d2e\"\n",
                CloudInit.of("#cloud-config\nhostname: {{HOSTNAME}}\n").render(settings("alice", null)));
    }

    @Test
    void theScriptsAreValidBash(@TempDir Path dir) throws Exception {
        Map<String, Object> doc = parse(CloudInit.bundled().render(settings("alice", "pods-and-labels")));
        for (String script : List.of("/opt/onramp/common.sh", "/opt/onramp/bootstrap.sh", "/opt/onramp/on-boot.sh")) {
            Path file = dir.resolve(Path.of(script).getFileName());
            Files.writeString(file, file(doc, script));
            Process p = bash(List.of("-n", file.toString()));
            if (p == null) {
                return; // no bash here
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), script + ": " + new String(p.getErrorStream().readAllBytes()));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static BootSettings settings(String owner, String lab) {
        return new BootSettings(ID, owner, lab, LabUrls.of(CONFIG.labFilesUrl().orElseThrow(), lab), "ubuntu", HASH,
                CONFIG);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yaml) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        assertInstanceOf(Map.class, doc);
        return (Map<String, Object>) doc;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> files(Map<String, Object> doc) {
        return (List<Map<String, Object>>) doc.get("write_files");
    }

    static String file(Map<String, Object> doc, String path) {
        return files(doc).stream().filter(f -> path.equals(f.get("path"))).map(f -> (String) f.get("content"))
                .findFirst().orElseThrow(() -> new AssertionError("no file " + path));
    }

    static String permissions(Map<String, Object> doc, String path) {
        return files(doc).stream().filter(f -> path.equals(f.get("path"))).map(f -> (String) f.get("permissions"))
                .findFirst().orElseThrow();
    }

    /**
     * Reads {@code NAME='...'} lines the way a POSIX shell does, accepting only single-quoted words joined by
     * {@code \'}: any unquoted character (a {@code $}, a backtick, a space) fails the test.
     */
    static Map<String, String> parseEnv(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            String name = text.substring(i, eq);
            assertTrue(name.matches("[A-Z_][A-Z0-9_]*"), "variable name: " + name);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (text.charAt(i) == '\'') {
                    int end = text.indexOf('\'', i + 1);
                    assertTrue(end > 0, "unterminated quote");
                    value.append(text, i + 1, end);
                    i = end + 1;
                } else if (text.startsWith("\\'", i)) {
                    value.append('\'');
                    i += 2;
                } else {
                    break;
                }
            }
            assertEquals('\n', text.charAt(i), "an unquoted character after " + name);
            i++;
            vars.put(name, value.toString());
        }
        return vars;
    }

    /** Sources the env file with bash, as the VM does, and checks the owner comes out verbatim. */
    static void sourcedWithBash(Path dir, String envText, String expectedOwner, String label) throws Exception {
        Path env = dir.resolve("workspace.env");
        Files.writeString(env, envText, StandardCharsets.UTF_8);
        Process p = bash(List.of("-c", "set -a; . \"$1\"; printf '%s' \"$ONRAMP_OWNER\" > \"$2\"", "bash",
                env.toString(), dir.resolve("owner.out").toString()));
        if (p == null) {
            return;
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), label + ": " + new String(p.getErrorStream().readAllBytes()));
        assertEquals(expectedOwner, Files.readString(dir.resolve("owner.out"), StandardCharsets.UTF_8), label);
    }

    static Process bash(List<String> args) throws Exception {
        File bash = new File("/bin/bash");
        if (!bash.canExecute()) {
            return null;
        }
        List<String> command = new ArrayList<>();
        command.add(bash.getPath());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        assertNotNull(p);
        return p;
    }

    /** What the VM sees of a value: at most {@code max} code points, NUL dropped, lone surrogates as U+FFFD. */
    static String shown(String value, int max) {
        StringBuilder out = new StringBuilder();
        clip(value, max).replace("\0", "").codePoints()
                .forEach(cp -> out.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp));
        return out.toString();
    }

    static String clip(String value, int max) {
        return value.codePointCount(0, value.length()) <= max ? value
                : value.substring(0, value.offsetByCodePoints(0, max));
    }
}
