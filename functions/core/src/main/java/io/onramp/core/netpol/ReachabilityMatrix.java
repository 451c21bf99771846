package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verdicts for every (source, destination, probe); rows are sources, columns destinations. Cells where neither side
 * is a pod are empty. Compare with expected {@link TruthTable}s in tests, or print with {@link #format()}.
 */
public final class ReachabilityMatrix {

    private final List<Endpoint> rows;
    private final List<Endpoint> columns;
    private final List<Probe> probes;
    private final Map<Probe, Verdict[][]> cells;

    ReachabilityMatrix(List<Endpoint> rows, List<Endpoint> columns, List<Probe> probes, Map<Probe, Verdict[][]> cells) {
        this.rows = List.copyOf(rows);
        this.columns = List.copyOf(columns);
        this.probes = List.copyOf(probes);
        this.cells = Map.copyOf(cells);
    }

    public List<Endpoint> rows() {
        return rows;
    }

    public List<Endpoint> columns() {
        return columns;
    }

    public List<Probe> probes() {
        return probes;
    }

    /** The verdict, or null when neither side is a pod. */
    public Verdict verdict(Endpoint from, Endpoint to, Probe probe) {
        return grid(probe)[index(rows, from)][index(columns, to)];
    }

    public boolean allowed(Endpoint from, Endpoint to, Probe probe) {
        Verdict v = verdict(from, to, probe);
        if (v == null) {
            throw new IllegalArgumentException(from + " -> " + to + " is not applicable (neither side is a pod)");
        }
        return v.allowed();
    }

    /** All verdicts, probe by probe, row by row. */
    public List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        for (Probe probe : probes) {
            for (Verdict[] row : cells.get(probe)) {
                for (Verdict v : row) {
                    if (v != null) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    /** The allowed/denied table of one probe. */
    public TruthTable table(Probe probe) {
        Verdict[][] grid = grid(probe);
        TruthTable table = TruthTable.of(rows, columns, false);
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                if (grid[i][j] != null) {
                    table.set(rows.get(i), columns.get(j), grid[i][j].allowed());
                }
            }
        }
        return table;
    }

    /**
     * Cells that differ from {@code expected}, as {@code TCP/80 x/a -> y/b: expected denied, got allowed (reason)};
     * empty when equal.
     */
    public List<String> differences(Probe probe, TruthTable expected) {
        if (!rows.equals(expected.rows()) || !columns.equals(expected.columns())) {
            throw new IllegalArgumentException("the expected table has different rows or columns");
        }
        Verdict[][] grid = grid(probe);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                Boolean e = expected.get(rows.get(i), columns.get(j));
                Verdict v = grid[i][j];
                if (v != null && e != null && v.allowed() != e) {
                    out.add(probe + " " + rows.get(i) + " -> " + columns.get(j) + ": expected "
                            + (e ? "allowed" : "denied") + ", got " + v.reason());
                }
            }
        }
        return out;
    }

    /** One table per probe, headed by the probe ({@code .} allowed, {@code X} denied, {@code -} not applicable). */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Probe probe : probes) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(table(probe).format(probe.toString()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private Verdict[][] grid(Probe probe) {
        Verdict[][] grid = cells.get(probe);
        if (grid == null) {
            throw new IllegalArgumentException("probe " + probe + " is not in the matrix");
        }
        return grid;
    }

    private static int index(List<Endpoint> list, Endpoint e) {
        int i = list.indexOf(e);
        if (i < 0) {
            throw new IllegalArgumentException(e + " is not in the matrix");
        }
        return i;
    }
}
