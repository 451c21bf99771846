package io.onramp.vms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.onramp.core.error.ErrorCode;
import io.onramp.core.error.OnrampException;
import io.onramp.core.reconcile.Drift;
import io.onramp.core.reconcile.DriftType;
import io.onramp.core.reconcile.Inspection;
import io.onramp.core.reconcile.ReconcileScope;
import io.onramp.core.reconcile.Remedy;
import io.onramp.core.reconcile.WorkspaceReconciler;
import io.onramp.core.workspace.DesiredState;
import io.onramp.core.workspace.Workspace;
import io.onramp.core.workspace.WorkspaceKind;
import io.onramp.core.workspace.WorkspaceState;
import io.onramp.exoscale.ExoscaleClient;
import io.onramp.exoscale.Instance;
import io.onramp.exoscale.InstanceState;

/**
 * Reconcile of VM workspaces: lists the instances labelled {@value ExoscaleClient#WORKSPACE_LABEL} in the default
 * zone and every zone a VM workspace was made in (the label is checked here, not by the API), and compares them
 * with the idle VM workspaces.
 *
 * <p>The desired state wins: a VM stopped outside Onramp while its owner wants it running is started again, one
 * started outside Onramp while paused is stopped again (both by converging the workspace again, so the cost caps
 * are checked as for any start); a VM gone while its workspace should run is made anew by converging (its disk was
 * lost with it); a changed address is recorded. A VM in state error is recorded as FAILED (a person decides). A paused
 * workspace whose VM is gone is only reported: resuming makes a new one. Instances labelled as Onramp's that no live
 * workspace uses (no row, a deleted workspace, or a second instance of one) are orphans, deleted only when asked.
 */
@ApplicationScoped
public class VmReconciler implements WorkspaceReconciler {

    private final ExoscaleAccess exoscale;

    public VmReconciler(ExoscaleAccess exoscale) {
        this.exoscale = exoscale;
    }

    @Override
    public WorkspaceKind kind() {
        return WorkspaceKind.VM;
    }

    @Override
    public Inspection inspect(ReconcileScope scope) {
        ExoscaleClient exo = exoscale.client();
        Set<String> zones = new TreeSet<>(scope.zones());
        zones.add(exoscale.defaultZone());
        for (Workspace w : scope.live()) {
            if (w.zone() != null) {
                zones.add(w.zone());
            }
        }
        Map<String, Instance> onramps = new LinkedHashMap<>(); // by id
        Map<String, String> zoneOf = new LinkedHashMap<>();
        for (String zone : zones) {
            for (Instance vm : exo.listInstances(zone)) {
                if (vm.workspaceId() != null) {
                    onramps.put(vm.id(), vm);
                    zoneOf.put(vm.id(), zone);
                }
            }
        }
        List<Drift> out = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        int examined = 0;
        for (Workspace w : scope.live()) {
            List<Instance> labelled = onramps.values().stream()
                    .filter(vm -> w.id().toString().equals(vm.workspaceId()) && Objects.equals(w.zone(), zoneOf.get(vm.id())))
                    .toList();
            if (scope.busy(w) || !ReconcileScope.wanted(w)) {
                labelled.forEach(vm -> claimed.add(vm.id())); // in flux, or being deleted: the engine sees to it
                if (w.instanceId() != null) {
                    claimed.add(w.instanceId());
                }
                continue;
            }
            examined++;
            Optional<Instance> vm = current(w, labelled, onramps);
            vm.ifPresent(i -> claimed.add(i.id()));
            inspect(w, vm, scope, out);
        }
        for (Instance vm : onramps.values()) {
            if (claimed.contains(vm.id()) || vm.state().isGoingAway()) {
                continue;
            }
            examined++;
            out.add(orphan(vm, zoneOf.get(vm.id()), scope));
        }
        return new Inspection(examined, out);
    }

    /** The instance the workspace uses: its recorded one, else the oldest labelled with it; never one going away. */
    private static Optional<Instance> current(Workspace w, List<Instance> labelled, Map<String, Instance> all) {
        if (w.instanceId() != null) {
            Instance recorded = all.get(w.instanceId());
            if (recorded != null && !recorded.state().isGoingAway()) {
                return Optional.of(recorded);
            }
        }
        return labelled.stream().filter(vm -> !vm.state().isGoingAway())
                .min(Comparator.comparing(Instance::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    private static void inspect(Workspace w, Optional<Instance> found, ReconcileScope scope, List<Drift> out) {
        if (found.isEmpty()) {
            if (w.instanceId() == null && w.readyAt() == null) {
                return; // never made: unfinished work, reported as such by core
            }
            String resource = "Instance " + w.zone() + "/" + (w.instanceId() == null ? "?" : w.instanceId());
            if (w.desiredState() == DesiredState.RUNNING) {
                out.add(Drift.of(w, resource, DriftType.MISSING_INSTANCE, "The VM is gone (deleted outside Onramp) "
                        + "while the workspace should run; converging again makes a new one from the same settings "
                        + "(what was on its disk is lost).", scope.remedy(w, Remedy.CONVERGE)));
            } else {
                out.add(Drift.of(w, resource, DriftType.MISSING_INSTANCE, "The VM is gone (deleted outside Onramp) "
                        + "while the workspace is paused; resuming it makes a new one (what was on its disk is lost).",
                        scope.remedy(w, Remedy.NONE)));
            }
            return;
        }
        Instance vm = found.get();
        if (!ReconcileScope.settled(w) || vm.state().isTransitional()) {
            return; // unfinished (core reports it) or changing right now: look next time
        }
        String resource = "Instance " + w.zone() + "/" + vm.id();
        InstanceState state = vm.state();
        if (state == InstanceState.ERROR) {
            out.add(Drift.of(w, resource, DriftType.STATE_MISMATCH, "Exoscale reports the VM in state error; delete "
                    + "this workspace and create a new one.", Remedy.CORRECT_STATE).correcting(WorkspaceState.FAILED));
            return;
        }
        if (w.desiredState() == DesiredState.RUNNING) {
            if (state == InstanceState.STOPPED) {
                out.add(Drift.of(w, resource, DriftType.STATE_MISMATCH, "The VM was stopped outside Onramp while "
                        + "its owner wants it running; starting it again.", Remedy.CONVERGE)
                        .correcting(WorkspaceState.RESUMING));
            } else if (state == InstanceState.RUNNING && (!vm.id().equals(w.instanceId())
                    || (vm.publicIp() != null && !vm.publicIp().equals(w.publicIp())))) {
                out.add(Drift.of(w, resource, DriftType.STATE_MISMATCH, "The workspace records instance "
                        + w.instanceId() + " at " + w.publicIp() + "; Exoscale runs " + vm.id() + " at "
                        + vm.publicIp() + ".", Remedy.CONVERGE).correcting(WorkspaceState.RUNNING));
            }
        } else if (state == InstanceState.RUNNING) {
            out.add(Drift.of(w, resource, DriftType.STATE_MISMATCH, "The VM was started outside Onramp while the "
                    + "workspace is paused; stopping it again.", Remedy.CONVERGE).correcting(WorkspaceState.PAUSING));
        }
    }

    private static Drift orphan(Instance vm, String zone, ReconcileScope scope) {
        String label = vm.workspaceId();
        UUID id = uuid(label);
        Optional<Workspace> row = id == null ? Optional.empty() : scope.row(id);
        String detail;
        if (row.isEmpty()) {
            detail = "Labelled as Onramp's (workspace " + label + ") but no workspace owns it.";
        } else if (row.get().state() == WorkspaceState.DELETED) {
            detail = "Its workspace " + label + " is deleted (since " + row.get().updatedAt() + ").";
        } else {
            detail = "A second instance of workspace " + label + ", which uses " + row.get().instanceId() + ".";
        }
        return Drift.orphan(WorkspaceKind.VM, id, row.map(Workspace::owner).orElse(null),
                "Instance " + zone + "/" + vm.id() + " (" + vm.name() + ", " + vm.state().value() + ")", detail,
                zone + "\n" + vm.id() + "\n" + label);
    }

    @Override
    public String repair(Drift drift, Optional<Workspace> current) {
        if (drift.remedy() != Remedy.DELETE_ORPHAN) {
            throw new IllegalArgumentException("VMs repair only DELETE_ORPHAN here");
        }
        String[] parts = drift.target().split("\n", -1);
        String zone = parts[0];
        String id = parts[1];
        String label = parts[2];
        ExoscaleClient exo = exoscale.client();
        Optional<Instance> vm = exo.getInstance(zone, id);
        if (vm.isEmpty()) {
            return "Already gone";
        }
        if (vm.get().state().isGoingAway()) {
            return "Already being deleted";
        }
        if (!Objects.equals(label, vm.get().workspaceId())) {
            throw OnrampException.conflict("Instance " + id + " changed its labels since it was inspected; left alone.");
        }
        try {
            exo.deleteInstance(zone, id);
        } catch (OnrampException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return "Already gone";
        }
        return "Asked Exoscale to delete the instance";
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
