package io.onramp.core.netpol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A from x to table of allowed (true) / denied (false) connections for one probe, like the kubernetes e2e netpol
 * {@code Reachability} truth tables. Cells where neither side is a pod are not applicable ({@code null}) and fixed.
 * Mutable: build an expectation with the setters, then compare with {@link #differences(TruthTable)} or
 * {@link #equals(Object)}; {@link #format()} prints it ({@code .} allowed, {@code X} denied, {@code -} not applicable).
 */
public final class TruthTable {

    private final List<Endpoint> rows;
    private final List<Endpoint> columns;
    private final Boolean[][] cells;

    private TruthTable(List<Endpoint> rows, List<Endpoint> columns, boolean initial) {
        this.rows = List.copyOf(rows);
        this.columns = List.copyOf(columns);
        this.cells = new Boolean[rows.size()][columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                cells[i][j] = applicable(rows.get(i), columns.get(j)) ? initial : null;
            }
        }
    }

    public static TruthTable of(List<Endpoint> rows, List<Endpoint> columns, boolean initial) {
        return new TruthTable(rows, columns, initial);
    }

    /** Every applicable connection between {@code endpoints} allowed. */
    public static TruthTable allowAll(List<Endpoint> endpoints) {
        return new TruthTable(endpoints, endpoints, true);
    }

    /** Every applicable connection between {@code endpoints} denied. */
    public static TruthTable denyAll(List<Endpoint> endpoints) {
        return new TruthTable(endpoints, endpoints, false);
    }

    public List<Endpoint> rows() {
        return rows;
    }

    public List<Endpoint> columns() {
        return columns;
    }

    /** The cell, or null when neither side is a pod. */
    public Boolean get(Endpoint from, Endpoint to) {
        return cells[index(rows, from)][index(columns, to)];
    }

    public TruthTable set(Endpoint from, Endpoint to, boolean allowed) {
        int i = index(rows, from);
        int j = index(columns, to);
        if (cells[i][j] == null) {
            throw new IllegalArgumentException(from + " -> " + to + " is not applicable (neither side is a pod)");
        }
        cells[i][j] = allowed;
        return this;
    }

    /** Sets every applicable cell whose source and destination match. */
    public TruthTable set(Predicate<Endpoint> from, Predicate<Endpoint> to, boolean allowed) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                if (cells[i][j] != null && from.test(rows.get(i)) && to.test(columns.get(j))) {
                    cells[i][j] = allowed;
                }
            }
        }
        return this;
    }

    /** Sets the whole column of {@code to} (all ingress into it). */
    public TruthTable ingressTo(Endpoint to, boolean allowed) {
        index(columns, to);
        return set(from -> true, to::equals, allowed);
    }

    /** Sets the whole row of {@code from} (all egress from it). */
    public TruthTable egressFrom(Endpoint from, boolean allowed) {
        index(rows, from);
        return set(from::equals, to -> true, allowed);
    }

    /** Allows every pod to reach itself (loopback can never be blocked). */
    public TruthTable allowLoopback() {
        return set(Endpoint::isPod, to -> true, true, true);
    }

    private TruthTable set(Predicate<Endpoint> from, Predicate<Endpoint> to, boolean allowed, boolean diagonalOnly) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                boolean same = rows.get(i).equals(columns.get(j));
                if (cells[i][j] != null && (!diagonalOnly || same) && from.test(rows.get(i)) && to.test(columns.get(j))) {
                    cells[i][j] = allowed;
                }
            }
        }
        return this;
    }

    /** Cells that differ, as {@code x/a -> y/b: expected denied, got allowed}; empty when equal. */
    public List<String> differences(TruthTable expected) {
        if (!rows.equals(expected.rows) || !columns.equals(expected.columns)) {
            throw new IllegalArgumentException("tables have different rows or columns");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                if (!Objects.equals(cells[i][j], expected.cells[i][j])) {
                    out.add(rows.get(i) + " -> " + columns.get(j) + ": expected " + word(expected.cells[i][j]) + ", got "
                            + word(cells[i][j]));
                }
            }
        }
        return out;
    }

    /** Rows are sources, columns destinations. */
    public String format() {
        return format("");
    }

    String format(String corner) {
        int first = corner.length();
        for (Endpoint e : rows) {
            first = Math.max(first, e.toString().length());
        }
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder(pad(corner, first));
        for (Endpoint e : columns) {
            line.append(' ').append(e);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            line = new StringBuilder(pad(rows.get(i).toString(), first));
            for (int j = 0; j < columns.size(); j++) {
                line.append(' ').append(pad(symbol(cells[i][j]), columns.get(j).toString().length()));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static boolean applicable(Endpoint from, Endpoint to) {
        return from.isPod() || to.isPod();
    }

    private static int index(List<Endpoint> list, Endpoint e) {
        int i = list.indexOf(e);
        if (i < 0) {
            throw new IllegalArgumentException(e + " is not in the table");
        }
        return i;
    }

    private static String symbol(Boolean b) {
        return b == null ? "-" : b ? "." : "X";
    }

    private static String word(Boolean b) {
        return b == null ? "n/a" : b ? "allowed" : "denied";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TruthTable t && rows.equals(t.rows) && columns.equals(t.columns)
                && Arrays.deepEquals(cells, t.cells);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns, Arrays.deepHashCode(cells));
    }

    @Override
    public String toString() {
        return format();
    }
}
