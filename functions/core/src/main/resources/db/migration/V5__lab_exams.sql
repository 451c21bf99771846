-- Lab exams: a timed set of labs in one pod workspace, graded once when submitted or at the deadline; and cohorts,
-- the named groups of developers instructors look at together.

CREATE TABLE exams (
    id           UUID PRIMARY KEY,
    owner        TEXT        NOT NULL,
    workspace_id UUID        NOT NULL REFERENCES workspaces (id),
    namespace    TEXT        NOT NULL,
    lab_ids      TEXT[]      NOT NULL,
    minutes      INT         NOT NULL CHECK (minutes > 0),
    pass_percent INT         NOT NULL CHECK (pass_percent BETWEEN 0 AND 100),
    state        TEXT        NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT        NOT NULL,
    -- set once the namespace is reset and the starters are applied; the clock runs from then
    prepared_at  TIMESTAMPTZ,
    started_at   TIMESTAMPTZ NOT NULL,
    deadline     TIMESTAMPTZ NOT NULL,
    closed_at    TIMESTAMPTZ,
    closed_by    TEXT CHECK (closed_by IN ('SUBMITTED', 'DEADLINE')),
    score        INT,
    max_score    INT         NOT NULL,
    CHECK ((state = 'OPEN') = (closed_at IS NULL)),
    CHECK ((state = 'OPEN') = (closed_by IS NULL)),
    CHECK ((state = 'OPEN') = (score IS NULL))
);
-- at most one open exam per workspace (concurrent starts leave one row)
CREATE UNIQUE INDEX exams_one_open_per_workspace ON exams (workspace_id) WHERE state = 'OPEN';
-- what the deadline duty scans
CREATE INDEX exams_open_deadline_idx ON exams (deadline) WHERE state = 'OPEN';
CREATE INDEX exams_owner_idx ON exams (owner, created_at DESC);

-- one row per task of the exam's labs; score and passed are filled when the exam closes
CREATE TABLE exam_tasks (
    exam_id     UUID    NOT NULL REFERENCES exams (id) ON DELETE CASCADE,
    position    INT     NOT NULL,
    lab_id      TEXT    NOT NULL,
    lab_version INT     NOT NULL,
    task_id     TEXT    NOT NULL,
    max_score   INT     NOT NULL,
    score       INT,
    passed      BOOLEAN,
    -- checkTask runs on this task while the exam was open (feedback only; they do not change the score)
    check_runs  INT     NOT NULL DEFAULT 0,
    PRIMARY KEY (exam_id, lab_id, task_id),
    UNIQUE (exam_id, position)
);

-- a developer belongs to at most one cohort; admins set a cohort's members (setCohort)
CREATE TABLE cohort_members (
    owner       TEXT        PRIMARY KEY,
    cohort      TEXT        NOT NULL,
    assigned_at TIMESTAMPTZ NOT NULL,
    assigned_by TEXT        NOT NULL
);
CREATE INDEX cohort_members_cohort_idx ON cohort_members (cohort, owner);
