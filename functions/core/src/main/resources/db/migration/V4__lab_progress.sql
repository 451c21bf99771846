-- Lab progress: every check a developer ran, and the best result per task.

CREATE TABLE lab_attempts (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    owner        TEXT        NOT NULL,
    workspace_id UUID        NOT NULL,
    lab_id       TEXT        NOT NULL,
    lab_version  INT         NOT NULL,
    task_id      TEXT        NOT NULL,
    score        INT         NOT NULL,
    max_score    INT         NOT NULL,
    passed       BOOLEAN     NOT NULL
);
CREATE INDEX lab_attempts_owner_idx ON lab_attempts (owner, lab_id, task_id);

CREATE TABLE lab_progress (
    owner           TEXT        NOT NULL,
    lab_id          TEXT        NOT NULL,
    task_id         TEXT        NOT NULL,
    lab_version     INT         NOT NULL,
    best_score      INT         NOT NULL,
    max_score       INT         NOT NULL,
    attempts        INT         NOT NULL,
    passed          BOOLEAN     NOT NULL,
    last_checked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (owner, lab_id, task_id)
);

CREATE TABLE lab_starts (
    workspace_id UUID        NOT NULL,
    lab_id       TEXT        NOT NULL,
    owner        TEXT        NOT NULL,
    lab_version  INT         NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, lab_id)
);
