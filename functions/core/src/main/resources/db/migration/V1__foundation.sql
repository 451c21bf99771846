-- Foundation: the audit log and idempotency keys. The workspace engine adds its tables in later migrations.

CREATE TABLE audit_log (
    id        BIGSERIAL PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    actor     TEXT        NOT NULL,
    operation TEXT        NOT NULL,
    target    TEXT,
    outcome   TEXT        NOT NULL CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED')),
    detail    TEXT
);
CREATE INDEX audit_log_actor_idx  ON audit_log (actor, id);
CREATE INDEX audit_log_target_idx ON audit_log (target, id);
CREATE INDEX audit_log_at_idx     ON audit_log (at);

-- A client-chosen key makes a mutation safe to retry: the first call's result is returned again.
CREATE TABLE idempotency_keys (
    operation    TEXT        NOT NULL,
    caller       TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    request_hash TEXT        NOT NULL,
    result_ref   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (operation, caller, key)
);
