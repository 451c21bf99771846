-- Events about workspaces that their owners should see (Coder notifications, warnings), and Coder message ids
-- already handled: Coder delivers at least once.

CREATE TABLE workspace_events (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    source       TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    workspace_id UUID        REFERENCES workspaces (id) ON DELETE CASCADE,
    owner        TEXT,
    message      TEXT,
    detail       JSONB
);
CREATE INDEX workspace_events_workspace_idx ON workspace_events (workspace_id, id);
CREATE INDEX workspace_events_owner_idx ON workspace_events (owner, id);

CREATE TABLE coder_messages (
    msg_id      UUID PRIMARY KEY,
    received_at TIMESTAMPTZ NOT NULL,
    outcome     TEXT
);
