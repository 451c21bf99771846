package io.onramp.pods.blueprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.onramp.core.error.OnrampException;

/**
 * A lab's files in a ConfigMap. ConfigMap keys may only contain {@code [-._a-zA-Z0-9]}, so each file gets the key
 * {@code <index>_<path with other characters as '_'>} (unique through the index, readable through the rest) and the
 * volume's {@code items[].path} restores the folder layout.
 */
public final class LabFiles {

    /** Stay below the 1 MiB object size limit of a ConfigMap, with room for metadata. */
    public static final int MAX_TOTAL_BYTES = 1_000_000;
    private static final int MAX_KEY_LENGTH = 253;
    private static final Pattern KEY_UNSAFE = Pattern.compile("[^-._a-zA-Z0-9]");

    /** One file: its ConfigMap key, relative path and content. */
    public record Entry(String key, String path, String content) {
        @Override
        public String toString() {
            return "Entry[key=" + key + ", path=" + path + "]";
        }
    }

    private LabFiles() {
    }

    /**
     * The files sorted by path, with their keys.
     *
     * @throws OnrampException bad input for an absolute path, a path with empty or {@code .} segments or names
     *         starting with {@code ..} (reserved by ConfigMap volumes),
     *         a path that is also a folder of another file, a null content, or more than {@value #MAX_TOTAL_BYTES}
     *         bytes in all
     */
    public static List<Entry> entries(Map<String, String> files) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            validatePath(path);
            if (file.getValue() == null) {
                throw OnrampException.badInput("Lab file '" + path + "' has no content.");
            }
            sorted.put(path, file.getValue());
        }
        List<Entry> out = new ArrayList<>();
        long total = 0;
        int index = 0;
        String previous = null;
        for (Map.Entry<String, String> file : sorted.entrySet()) {
            String path = file.getKey();
            if (previous != null && path.startsWith(previous + "/")) {
                throw OnrampException.badInput("Lab file '" + previous + "' is also used as a folder by '" + path
                        + "'.");
            }
            previous = path;
            String key = key(index++, path);
            total += key.length() + file.getValue().getBytes(StandardCharsets.UTF_8).length;
            out.add(new Entry(key, path, file.getValue()));
        }
        if (total > MAX_TOTAL_BYTES) {
            throw OnrampException.badInput("The lab's files are too large: " + total + " bytes, at most "
                    + MAX_TOTAL_BYTES + " bytes in all are allowed.");
        }
        return List.copyOf(out);
    }

    /** A short SHA-256 over the sorted paths and contents: changes when any file changes. */
    public static String checksum(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                byte[] path = file.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] content = String.valueOf(file.getValue()).getBytes(StandardCharsets.UTF_8);
                digest.update((path.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(path);
                digest.update((content.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(content);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String key(int index, String path) {
        String key = String.format("%03d_%s", index, KEY_UNSAFE.matcher(path).replaceAll("_"));
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }

    private static void validatePath(String path) {
        String problem = null;
        if (path == null || path.isBlank()) {
            problem = "is empty";
        } else if (path.startsWith("/")) {
            problem = "must be relative to the lab folder";
        } else if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            problem = "must use '/' as separator and no control characters";
        } else if (path.length() > 1024) {
            problem = "is longer than 1024 characters";
        } else {
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.startsWith("..")) {
                    problem = "must not contain empty or '.' segments, nor names starting with '..'";
                    break;
                }
                if (segment.getBytes(StandardCharsets.UTF_8).length > 255) {
                    problem = "has a file or folder name longer than 255 bytes";
                    break;
                }
            }
        }
        if (problem != null) {
            throw OnrampException.badInput("Lab file path '" + path + "' " + problem
                    + "; use paths like 'README.md' or '.tours/intro.tour'.");
        }
    }
}
