-- Workspace tokens: the credential onramp-check uses inside a pod workspace. One per workspace (minting again
-- replaces it: rotation); only its SHA-256 is stored. It authorises checking that workspace's tasks and nothing else.

CREATE TABLE workspace_tokens (
    workspace_id UUID        PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    token_hash   BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX workspace_tokens_hash_idx ON workspace_tokens (token_hash);
