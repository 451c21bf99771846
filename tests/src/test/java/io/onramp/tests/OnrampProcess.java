package io.onramp.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application, started exactly as the README says ({@code ./onramp up --port N --data-dir DIR}), with
 * the {@code NAME=value} lines it prints collected for the test.
 */
final class OnrampProcess implements AutoCloseable {

    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Map<String, String> announced = new ConcurrentHashMap<>();
    private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch ready = new CountDownLatch(1);
    final int port;
    final Path dataDir;

    private OnrampProcess(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        Thread reader = new Thread(this::read, "onramp-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Path root() {
        return Path.of(System.getProperty("onramp.root", "..")).toAbsolutePath().normalize();
    }

    static OnrampProcess up(Path dataDir, Map<String, String> env) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(root().resolve("onramp").toString(), "up", "--port",
                Integer.toString(port), "--data-dir", dataDir.toString())
                .directory(root().toFile())
                .redirectErrorStream(true);
        builder.environment().put("ONRAMP_SKIP_BUILD", "true");
        builder.environment().put("ONRAMP_SANDBOX", "true");
        builder.environment().remove("ONRAMP_DB_URL");
        builder.environment().putAll(env);
        OnrampProcess onramp = new OnrampProcess(builder.start(), port, dataDir);
        if (!onramp.ready.await(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            onramp.close();
            throw new IllegalStateException("Onramp did not announce itself in time. Output:\n" + onramp.output());
        }
        return onramp;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                int eq = line.indexOf('=');
                if (line.startsWith("ONRAMP_") && eq > 0) {
                    announced.put(line.substring(0, eq), line.substring(eq + 1));
                }
                if (line.startsWith("Try: curl")) {
                    ready.countDown();
                }
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    String get(String name) {
        String value = announced.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " was not printed. Output:\n" + output());
        }
        return value;
    }

    boolean printed(String name) {
        return announced.containsKey(name);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Stops it like Ctrl-C (SIGTERM to the JVM) and waits. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** Kills the JVM like a crash or an OOM kill would (SIGKILL): no shutdown hooks run. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Instant now() {
        return Instant.now();
    }
}
