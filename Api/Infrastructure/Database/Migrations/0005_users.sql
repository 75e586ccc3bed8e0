-- Dashboard (issue 8), part 1: users and their sessions. A session is an API token owned by a user, with an end;
-- its scopes follow the user's role (viewer = read, operator = write, admin = admin), so the Api enforces roles too.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    name          text NOT NULL UNIQUE CHECK (name = lower(name)),
    role          text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz,
    last_login_at timestamptz,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until  timestamptz
);

ALTER TABLE api_tokens ADD COLUMN user_id uuid REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
CREATE INDEX api_tokens_user ON api_tokens (user_id) WHERE user_id IS NOT NULL;

-- Part 2: the counters behind GET /api/v1/stats, so the overview never counts history.
--
-- Triggers keep them, because task states change in many statements spread over the state machine, workflows and
-- (soon) queues; a trigger runs in the same transaction as each of them, including ones written later, and nobody
-- can forget it. The triggers only ever INSERT into the two *_deltas tables: no row is updated by two writers, so
-- counting adds no lock waits and no deadlocks to the hot path. The Api's StatsCompactorService folds the deltas
-- into task_counts and task_minutes every few seconds; readers add the unfolded deltas, so they are exact.
CREATE TABLE task_counts (
    kind  text NOT NULL,
    state text NOT NULL,
    n     bigint NOT NULL,
    PRIMARY KEY (kind, state)
);
CREATE TABLE task_count_deltas (
    kind  text NOT NULL,
    state text NOT NULL,
    n     integer NOT NULL
);
-- metric: 'Submitted', a terminal task state, or 'failure:<FailureType>' for failed attempts.
CREATE TABLE task_minutes (
    minute timestamptz NOT NULL,
    metric text NOT NULL,
    n      bigint NOT NULL,
    PRIMARY KEY (minute, metric)
);
CREATE TABLE task_minute_deltas (
    minute timestamptz NOT NULL,
    metric text NOT NULL,
    n      integer NOT NULL
);

-- Start of the minute holding ts, independent of the session's TimeZone.
CREATE FUNCTION stats_minute(ts timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_timestamp(floor(extract(epoch FROM ts) / 60) * 60);

-- One statement per trigger call (a data-modifying CTE feeds both tables), and no join of the transition tables:
-- an updated row adds -1 for its old state and +1 for its new one, so rows whose state did not change cancel out.
CREATE FUNCTION task_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH counts AS (
        INSERT INTO task_count_deltas (kind, state, n) SELECT kind, state, count(*) FROM inserted GROUP BY kind, state)
    INSERT INTO task_minute_deltas (minute, metric, n)
    SELECT stats_minute(created_at), 'Submitted', count(*) FROM inserted GROUP BY 1
    UNION ALL
    SELECT stats_minute(finished_at), state, count(*) FROM inserted WHERE finished_at IS NOT NULL GROUP BY 1, 2;
    RETURN NULL;
END $$;

CREATE FUNCTION task_stats_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH counts AS (
        INSERT INTO task_count_deltas (kind, state, n)
        SELECT kind, state, sum(n) FROM (
            SELECT kind, state, -1 AS n FROM before_rows
            UNION ALL
            SELECT kind, state, 1 FROM after_rows) d
        GROUP BY kind, state HAVING sum(n) <> 0)
    INSERT INTO task_minute_deltas (minute, metric, n)
    SELECT minute, state, sum(n) FROM (
        SELECT stats_minute(finished_at) AS minute, state, -1 AS n FROM before_rows WHERE finished_at IS NOT NULL
        UNION ALL
        SELECT stats_minute(finished_at), state, 1 FROM after_rows WHERE finished_at IS NOT NULL) m
    GROUP BY minute, state HAVING sum(n) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION task_stats_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_count_deltas (kind, state, n)
    SELECT kind, state, -count(*) FROM deleted GROUP BY kind, state;
    RETURN NULL;
END $$;

CREATE FUNCTION attempt_stats_on_failure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_minute_deltas (minute, metric, n)
    VALUES (stats_minute(coalesce(NEW.finished_at, now())), 'failure:' || NEW.failure_type, 1);
    RETURN NULL;
END $$;

-- Statement-level triggers see a whole batch (a claim of 100 tasks) at once: one insert statement per statement.
-- Cost (bench/dashboard/trigger-cost.sh, backend CPU per task life of three state changes): 12 to 25 us when they
-- come 50 to a statement, as the Api batches under load; 140 to 180 us when each is a statement of its own.
CREATE TRIGGER tasks_stats_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION task_stats_on_insert();
CREATE TRIGGER tasks_stats_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION task_stats_on_update();
CREATE TRIGGER tasks_stats_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION task_stats_on_delete();
-- Failures are rare next to heartbeats, so a row trigger whose WHEN is checked without calling the function.
CREATE TRIGGER attempts_stats_failure AFTER UPDATE OF failure_type ON attempts
    FOR EACH ROW WHEN (OLD.failure_type IS NULL AND NEW.failure_type IS NOT NULL) EXECUTE FUNCTION attempt_stats_on_failure();
CREATE TRIGGER attempts_stats_failure_insert AFTER INSERT ON attempts
    FOR EACH ROW WHEN (NEW.failure_type IS NOT NULL) EXECUTE FUNCTION attempt_stats_on_failure();

-- The triggers exist (and hold their lock on tasks) before the first count, so no change falls between the two.
INSERT INTO task_counts (kind, state, n) SELECT kind, state, count(*) FROM tasks GROUP BY kind, state;
INSERT INTO task_minutes (minute, metric, n)
SELECT minute, metric, sum(n) FROM (
    SELECT stats_minute(created_at) AS minute, 'Submitted' AS metric, count(*) AS n FROM tasks
    WHERE created_at > now() - interval '2 hours' GROUP BY 1
    UNION ALL
    SELECT stats_minute(finished_at), state, count(*) FROM tasks WHERE finished_at > now() - interval '2 hours' GROUP BY 1, 2
    UNION ALL
    SELECT stats_minute(finished_at), 'failure:' || failure_type, count(*) FROM attempts
    WHERE failure_type IS NOT NULL AND finished_at > now() - interval '2 hours' GROUP BY 1, 2) s
GROUP BY minute, metric;

-- Bounded reads for the overview: the latest failures, and the runs still running.
CREATE INDEX tasks_failed_recent ON tasks (finished_at DESC) WHERE state IN ('Failed', 'TimedOut', 'Lost');
CREATE INDEX workflows_running ON workflows (id) WHERE state = 'Running';
