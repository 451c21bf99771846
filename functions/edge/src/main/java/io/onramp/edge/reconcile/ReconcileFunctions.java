package io.onramp.edge.reconcile;

import io.onramp.core.error.OnrampException;
import io.quarkus.funqy.Funq;

/**
 * Admins: {@code POST /drift} with {@code {"kind": "POD"}} and {@code POST /reconcile} with
 * {@code {"kind": "VM", "dryRun": false}}; the same service, checks and errors as GraphQL.
 */
public class ReconcileFunctions {

    private final ReconcileOperations operations;

    public ReconcileFunctions(ReconcileOperations operations) {
        this.operations = operations;
    }

    @Funq
    public DriftReportView drift(ReconcileRequests.DriftRequest request) {
        ReconcileRequests.DriftRequest r = request == null ? new ReconcileRequests.DriftRequest() : request;
        return operations.drift(r.kind, r.fresh);
    }

    @Funq
    public DriftReportView reconcile(ReconcileRequests.ReconcileRequest request) {
        if (request == null) {
            throw OnrampException.badInput("Send {\"kind\": \"POD\", \"dryRun\": true, \"deleteOrphans\": false}.");
        }
        return operations.reconcile(request.kind, request.dryRun, request.deleteOrphans);
    }
}
