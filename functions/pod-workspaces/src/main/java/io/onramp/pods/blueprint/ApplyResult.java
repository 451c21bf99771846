package io.onramp.pods.blueprint;

import java.util.ArrayList;
import java.util.List;

/**
 * What an apply did, object by object ({@code Kind/name}, e.g. {@code Deployment/code-server}).
 *
 * @param created objects that did not exist
 * @param updated objects that existed and differed
 * @param unchanged objects that already had everything the blueprint sets
 * @param deleted stale objects removed (guardrail NetworkPolicies no longer rendered; RoleBindings recreated
 *        because their roleRef differed are listed as deleted and created)
 */
public record ApplyResult(List<String> created, List<String> updated, List<String> unchanged, List<String> deleted) {

    public ApplyResult {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
    }

    public static ApplyResult empty() {
        return new ApplyResult(List.of(), List.of(), List.of(), List.of());
    }

    public int createdCount() {
        return created.size();
    }

    public int updatedCount() {
        return updated.size();
    }

    public int unchangedCount() {
        return unchanged.size();
    }

    public int deletedCount() {
        return deleted.size();
    }

    /** True when the apply wrote anything. */
    public boolean changed() {
        return !created.isEmpty() || !updated.isEmpty() || !deleted.isEmpty();
    }

    public ApplyResult plus(ApplyResult other) {
        return new ApplyResult(concat(created, other.created), concat(updated, other.updated),
                concat(unchanged, other.unchanged), concat(deleted, other.deleted));
    }

    @Override
    public String toString() {
        return "ApplyResult[created=" + created.size() + ", updated=" + updated.size() + ", unchanged="
                + unchanged.size() + ", deleted=" + deleted.size() + "]";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Collects results during one apply. */
    static final class Collector {
        final List<String> created = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        ApplyResult build() {
            return new ApplyResult(created, updated, unchanged, deleted);
        }
    }
}
