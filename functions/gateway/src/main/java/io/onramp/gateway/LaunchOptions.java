package io.onramp.gateway;

import java.nio.file.Path;

/**
 * The command line of the Onramp process. {@code up [--port N] [--data-dir DIR]} starts the all-in-one gateway in
 * local mode; without {@code up} the process runs in the mode its configuration says (CLUSTER by default).
 */
public record LaunchOptions(boolean local, int port, Path dataDir) {

    public static final int DEFAULT_PORT = 8080;

    public static LaunchOptions parse(String... args) {
        boolean local = false;
        int port = DEFAULT_PORT;
        String env = System.getenv("ONRAMP_DATA_DIR");
        Path dataDir = Path.of(env == null || env.isBlank() ? ".onramp" : env);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> local = true;
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'. Usage: onramp up [--port N] [--data-dir DIR]");
            }
        }
        return new LaunchOptions(local, port, dataDir.toAbsolutePath().normalize());
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number between 0 and 65535, not '" + raw + "'");
        }
    }
}
