package io.onramp.core.activity;

import java.util.concurrent.CompletionStage;

/**
 * Asks a workspace's code-server whether someone uses it: {@code GET /healthz}, which code-server answers without
 * authentication with {@code {"status":"alive|expired","lastHeartbeat":<epoch ms>}} and which, unlike every other
 * request, does not count as activity. The HTTP implementation lives in {@code edge}; core only decides.
 */
public interface HeartbeatProbe {

    /**
     * Probes one target. The stage never fails: a refused connection, a timeout, an error status, a body that is not
     * code-server's answer or a certificate other than the pinned one all complete it with
     * {@link ProbeResult.Unreachable}.
     */
    CompletionStage<ProbeResult> probe(ProbeTarget target);
}
