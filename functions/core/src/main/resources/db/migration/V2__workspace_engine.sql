-- The workspace engine: desired and observed state per workspace, and a durable queue of converge jobs.

CREATE TABLE workspaces (
    id                 UUID PRIMARY KEY,
    seq                BIGSERIAL   NOT NULL UNIQUE,
    owner              TEXT        NOT NULL,
    kind               TEXT        NOT NULL CHECK (kind IN ('POD', 'VM')),
    state              TEXT        NOT NULL CHECK (state IN ('PROVISIONING', 'RUNNING', 'PAUSING', 'PAUSED',
                                                             'RESUMING', 'DELETING', 'DELETED', 'FAILED')),
    desired_state      TEXT        NOT NULL CHECK (desired_state IN ('RUNNING', 'PAUSED', 'DELETED')),
    state_reason       TEXT,
    last_error         TEXT,
    namespace          TEXT,
    url                TEXT,
    lab                TEXT,
    coder_workspace_id TEXT,
    zone               TEXT,
    instance_id        TEXT,
    public_ip          TEXT,
    spec               JSONB       NOT NULL DEFAULT '{}'::jsonb,
    generation         BIGINT      NOT NULL DEFAULT 1,
    ready_at           TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

-- One live pod workspace per developer: the namespace is the workspace.
CREATE UNIQUE INDEX workspaces_one_live_pod_per_owner ON workspaces (owner)
    WHERE kind = 'POD' AND desired_state <> 'DELETED';
CREATE INDEX workspaces_owner_idx ON workspaces (owner, seq);
CREATE INDEX workspaces_coder_idx ON workspaces (coder_workspace_id) WHERE coder_workspace_id IS NOT NULL;

-- One converge job per workspace; a change of desired state bumps its version and makes it due at once.
CREATE TABLE jobs (
    workspace_id UUID        PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    version      BIGINT      NOT NULL DEFAULT 1,
    run_at       TIMESTAMPTZ NOT NULL,
    attempts     INT         NOT NULL DEFAULT 0,
    locked_by    TEXT,
    locked_until TIMESTAMPTZ,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_due_idx ON jobs (run_at);
