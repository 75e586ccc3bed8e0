-- Core schema: tasks, their attempts, every state change, stored output, API tokens, the leader lease.
-- State names match Overseer.Contracts.Tasks.TaskState / AttemptState.

CREATE TABLE tasks (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL,
    kind                text NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'pool', 'node')),
    state               text NOT NULL CHECK (state IN ('Pending', 'Queued', 'Dispatching', 'Running',
                            'Succeeded', 'Failed', 'TimedOut', 'Cancelled', 'Lost', 'Skipped')),
    spec                jsonb NOT NULL,
    attempt             integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    retries             integer NOT NULL CHECK (retries BETWEEN 0 AND 20),
    app_failures        integer NOT NULL DEFAULT 0,
    infra_failures      integer NOT NULL DEFAULT 0,
    run_after           timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    reason              text,
    cancel_requested_at timestamptz,
    retry_of            uuid REFERENCES tasks (id),
    trace_parent        text,
    -- A task is terminal exactly when it has a finish time.
    CONSTRAINT tasks_terminal_iff_finished CHECK (
        (state IN ('Succeeded', 'Failed', 'TimedOut', 'Cancelled', 'Lost', 'Skipped')) = (finished_at IS NOT NULL))
);

-- The claim's index: it matches the claim's ORDER BY (run_after, id) and holds only claimable rows,
-- so claim cost does not grow with history.
CREATE INDEX tasks_claim ON tasks (run_after, id) WHERE state = 'Queued';
CREATE INDEX tasks_state_id ON tasks (state, id DESC);
CREATE INDEX tasks_name_id ON tasks (name text_pattern_ops, id DESC);

CREATE TABLE attempts (
    task_id             uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    attempt             integer NOT NULL CHECK (attempt >= 1),
    state               text NOT NULL CHECK (state IN ('Dispatching', 'Running', 'Succeeded', 'Failed', 'TimedOut', 'Cancelled', 'Lost')),
    executor            text NOT NULL,
    owner               text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    heartbeat_deadline  timestamptz NOT NULL,
    exit_code           integer,
    failure_type        text CHECK (failure_type IN ('Application', 'Timeout', 'Resource', 'Infrastructure')),
    reason              text,
    pid                 integer,
    log_bytes           bigint NOT NULL DEFAULT 0,
    log_truncated_bytes bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, attempt),
    CONSTRAINT attempts_terminal_iff_finished CHECK (
        (state IN ('Succeeded', 'Failed', 'TimedOut', 'Cancelled', 'Lost')) = (finished_at IS NOT NULL)),
    CONSTRAINT attempts_failure_typed CHECK (
        (state IN ('Failed', 'TimedOut', 'Lost')) = (failure_type IS NOT NULL))
);

-- The reaper's index: only live attempts, ordered by the deadline it compares.
CREATE INDEX attempts_live ON attempts (heartbeat_deadline) WHERE state IN ('Dispatching', 'Running');

CREATE TABLE task_transitions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    attempt     integer NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       text NOT NULL,
    reason      text,
    leader_term bigint
);
CREATE INDEX task_transitions_task ON task_transitions (task_id, id);

CREATE TABLE task_logs (
    task_id uuid NOT NULL,
    attempt integer NOT NULL,
    seq     integer NOT NULL,
    stream  smallint NOT NULL CHECK (stream IN (1, 2)),
    at      timestamptz NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (task_id, attempt, seq),
    FOREIGN KEY (task_id, attempt) REFERENCES attempts (task_id, attempt) ON DELETE CASCADE
);

CREATE TABLE api_tokens (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    scopes     text[] NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE TABLE leader_leases (
    name        text PRIMARY KEY,
    holder      text,
    term        bigint NOT NULL DEFAULT 0,
    acquired_at timestamptz,
    renewed_at  timestamptz,
    expires_at  timestamptz NOT NULL
);
INSERT INTO leader_leases (name, expires_at) VALUES ('overseer', '-infinity');

-- Every term ever granted, so overlapping leadership can be checked after the fact.
CREATE TABLE leader_terms (
    name        text NOT NULL,
    term        bigint NOT NULL,
    holder      text NOT NULL,
    acquired_at timestamptz NOT NULL,
    PRIMARY KEY (name, term)
);
