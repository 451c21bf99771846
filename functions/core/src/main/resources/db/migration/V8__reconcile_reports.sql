-- Reconcile: the reports of recent runs per workspace kind (the drift found and what was done), newest first.
CREATE TABLE reconcile_reports (
    id             BIGSERIAL   PRIMARY KEY,
    kind           TEXT        NOT NULL CHECK (kind IN ('POD', 'VM')),
    at             TIMESTAMPTZ NOT NULL,
    trigger        TEXT        NOT NULL CHECK (trigger IN ('SCHEDULE', 'ADMIN', 'QUERY')),
    actor          TEXT        NOT NULL,
    dry_run        BOOLEAN     NOT NULL,
    delete_orphans BOOLEAN     NOT NULL,
    examined       INT         NOT NULL,
    drifts         JSONB       NOT NULL
);
CREATE INDEX reconcile_reports_kind_idx ON reconcile_reports (kind, id DESC);
