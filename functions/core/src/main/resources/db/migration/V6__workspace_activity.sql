-- Self-care: what Onramp last saw of a workspace's IDE (code-server's /healthz heartbeat), the period its current
-- state started, and the expiry warning given for the current pause. One row per workspace, written by the duties
-- pods.idle-pause, vms.idle-pause and workspaces.expiry; it goes with its workspace.

CREATE TABLE workspace_activity (
    workspace_id        UUID        PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    -- the newest sign of use: code-server's lastHeartbeat, or the probe time when it answered "alive"
    last_activity_at    TIMESTAMPTZ,
    last_probe_at       TIMESTAMPTZ,
    -- ALIVE, EXPIRED or UNREACHABLE: <short reason>
    last_probe_outcome  TEXT,
    -- consecutive probes that got no usable answer, and since when
    failures            INT         NOT NULL DEFAULT 0,
    failing_since       TIMESTAMPTZ,
    -- SHA-256 of the certificate a VM's code-server answered with first (trust on first use)
    tls_pin             TEXT,
    -- the workspace generation period_since belongs to: when it started RUNNING (idle) or PAUSED (expiry)
    period_generation   BIGINT,
    period_since        TIMESTAMPTZ,
    -- the expiry warning given for the pause of this generation
    expiry_warned_generation BIGINT,
    expiry_warned_at    TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ NOT NULL
);
