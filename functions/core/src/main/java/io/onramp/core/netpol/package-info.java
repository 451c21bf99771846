/**
 * A pure-Java NetworkPolicy evaluator ({@link io.onramp.core.netpol.NetworkModel}), reachability matrices and truth
 * tables, and a tenant {@link io.onramp.core.netpol.IsolationReport}. No API server is involved.
 *
 * <h2>Semantics (kubernetes/api networking/v1 types.go, SetDefaults_NetworkPolicy, the network-policies concept page)</h2>
 * <ol>
 * <li>Policy P in namespace N applies to pod p iff p is in N and {@code spec.podSelector} matches ({@code {}} or
 * missing = all pods of N).</li>
 * <li>Directions: {@code policyTypes} if set (non-empty); else Ingress always and Egress iff {@code spec.egress} is
 * non-empty. So {@code egress: []} alone does not deny egress unless policyTypes contains Egress.</li>
 * <li>A pod is isolated for a direction iff some applicable policy has that direction; a non-isolated direction
 * allows everything.</li>
 * <li>src -&gt; dst:port/proto is allowed iff egress(src) AND ingress(dst) allow it; an isolated direction allows it
 * iff any rule of any applicable policy matches (union, no deny, order-independent). Replies are implicit.</li>
 * <li>A rule matches iff its peers match AND its ports match; empty/missing {@code from}/{@code to} = all peers,
 * empty/missing {@code ports} = all ports, an empty rule list = nothing, a rule {@code {}} = everything.</li>
 * <li>Peers: podSelector only = pods of the policy's namespace; namespaceSelector only = all pods of matching
 * namespaces; both in one peer = intersection; separate peers = union. ipBlock = cidr minus except. Namespaces match
 * by labels including {@code kubernetes.io/metadata.name}, which is always present.</li>
 * <li>Ports: protocol defaults to TCP; a number, a number with inclusive {@code endPort}, or a name resolved against
 * the destination pod's containerPorts (for egress and ingress alike); a port without number = all ports of the
 * protocol.</li>
 * <li>{@link io.onramp.core.netpol.LabelSelectors}: matchLabels AND matchExpressions (In, NotIn, Exists, DoesNotExist);
 * {@code {}} matches everything; a null selector in a peer is "not specified".</li>
 * </ol>
 *
 * <h2>Implementation-defined choices (point 9)</h2>
 * <ul>
 * <li>Loopback (a pod to itself) is always allowed.</li>
 * <li>Traffic between a pod and its own node (a NODE endpoint named like {@code spec.nodeName}, or any non-pod
 * endpoint or hostNetwork pod at the pod's {@code status.hostIP}) is always allowed, both directions
 * (switch: {@code ownNodeTrafficAllowed}).</li>
 * <li>ipBlock also matches pods whose IP lies in the block (cyclonus; switch {@code ipBlockMatchesPodIps(false)} for
 * np-guard's "pods are never matched by ipBlock").</li>
 * <li>hostNetwork pods: never isolated; as peers they are matched only by ipBlock (their IP is the node IP), never by
 * pod or namespace selectors.</li>
 * <li>Only TCP, UDP and SCTP; anything else is rejected. {@code endPort} is honoured (some CNIs ignore it).</li>
 * <li>Services are not modelled: probe the backend pod or endpoint IP (e.g. the API server endpoint IP and port).</li>
 * <li>A named port that the destination does not declare (or any named port towards a non-pod) matches nothing.</li>
 * <li>Objects the API server would reject (a peer combining ipBlock with selectors, an empty peer, a bad CIDR, an
 * except outside its cidr, endPort with a named port or below port, unknown selector operators) make
 * {@link io.onramp.core.netpol.NetworkModel.Builder#build()} fail with IllegalArgumentException.</li>
 * <li>Traffic between two non-pod endpoints is out of scope and rejected.</li>
 * </ul>
 */
package io.onramp.core.netpol;
