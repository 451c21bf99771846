package io.onramp.pods;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.onramp.core.netpol.IsolationReport;

/** The reachability between a developer's pods and everything around them, computed from live objects. */
@Name("IsolationReport")
@Description("Who a developer's pods can reach and who can reach them, from the live NetworkPolicies.")
public record IsolationReportView(
        @NonNull String namespace,
        @NonNull List<@NonNull String> pods,
        @NonNull List<@NonNull String> otherTenants,
        @NonNull Summary summary,
        @NonNull List<@NonNull Row> rows,
        @NonNull List<@NonNull String> notes) {

    /** The report in short. */
    @Name("IsolationSummary")
    public record Summary(@NonNull boolean reachesOtherTenants, @NonNull boolean reachableFromOtherTenants,
            @NonNull boolean reachesInternet, @NonNull boolean reachesMetadata, @NonNull boolean reachesNodes,
            @NonNull boolean reachesApiServer, @NonNull boolean reachesDns, @NonNull List<@NonNull String> reaches,
            @NonNull List<@NonNull String> reachableFrom) {
    }

    /** One evaluated connection. */
    @Name("ReachabilityRow")
    public record Row(@NonNull String from, @NonNull String to, @NonNull int port, @NonNull String protocol,
            @NonNull boolean allowed, @NonNull String reason) {
    }

    static IsolationReportView of(IsolationReport r) {
        IsolationReport.Summary s = r.summary();
        return new IsolationReportView(r.namespace(), r.pods(), r.otherTenants(),
                new Summary(s.reachesOtherTenants(), s.reachableFromOtherTenants(), s.reachesInternet(),
                        s.reachesMetadata(), s.reachesNodes(), s.reachesApiServer(), s.reachesDns(), s.reaches(),
                        s.reachableFrom()),
                r.rows().stream().map(x -> new Row(x.from(), x.to(), x.port(), x.protocol(), x.allowed(),
                        x.reason() == null ? "" : x.reason())).toList(),
                r.notes());
    }
}
