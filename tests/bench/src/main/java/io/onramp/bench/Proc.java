package io.onramp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** CPU time and memory of processes, from Linux {@code /proc}. */
final class Proc {

    private Proc() {
    }

    /** utime + stime of the process in clock ticks (its own threads only), 0 when it is gone. */
    static long cpuTicks(long pid) {
        long[] f = statFields(pid);
        return f == null ? 0 : f[13] + f[14];
    }

    /** utime + stime + cutime + cstime: also the children it has waited for. */
    static long cpuTicksWithReapedChildren(long pid) {
        long[] f = statFields(pid);
        return f == null ? 0 : f[13] + f[14] + f[15] + f[16];
    }

    static long parent(long pid) {
        long[] f = statFields(pid);
        return f == null ? -1 : f[3];
    }

    /** Fields of /proc/pid/stat, 0-based as in proc(5) minus one; the command name is skipped (0). */
    private static long[] statFields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long[] out = new long[rest.length + 2];
        out[0] = pid;
        for (int i = 0; i < rest.length; i++) {
            try {
                out[i + 2] = Long.parseLong(rest[i]);
            } catch (NumberFormatException e) {
                out[i + 2] = 0; // the state letter
            }
        }
        return out;
    }

    /** A value in kB from /proc/pid/status, e.g. VmRSS or VmHWM (peak resident set); 0 when unknown. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> pids.add(Long.parseLong(n)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return pids;
    }

    /** The PostgreSQL postmaster serving {@code dataDir} (its command line has {@code -D dataDir}), or -1. */
    static long postmaster(String dataDir) {
        for (long pid : allPids()) {
            String cmd = cmdline(pid);
            if (cmd.contains("postgres") && cmd.contains("-D " + dataDir)) {
                return pid;
            }
        }
        return -1;
    }

    static List<Long> children(long parent) {
        List<Long> out = new ArrayList<>();
        for (long pid : allPids()) {
            if (parent(pid) == parent) {
                out.add(pid);
            }
        }
        return out;
    }

    /** CPU ticks of a postmaster, its live children and the children it reaped. */
    static long treeTicks(long postmaster) {
        if (postmaster <= 0) {
            return 0;
        }
        long ticks = cpuTicksWithReapedChildren(postmaster);
        for (long child : children(postmaster)) {
            ticks += cpuTicks(child);
        }
        return ticks;
    }

    static long treeRssKb(long postmaster) {
        if (postmaster <= 0) {
            return 0;
        }
        long kb = statusKb(postmaster, "VmRSS");
        for (long child : children(postmaster)) {
            kb += statusKb(child, "VmRSS");
        }
        return kb;
    }
}
