-- Workflows: a run, its compiled plan, one task per job (tasks.workflow_id, tasks.node), and the dependency graph
-- (job nodes plus one gate node per group) with a countdown of unfinished upstream nodes per node.

CREATE TABLE workflows (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('ManagedJob', 'Workflow')),
    state               text NOT NULL CHECK (state IN ('Running', 'Succeeded', 'Failed', 'Cancelled')),
    fail_fast           boolean NOT NULL,
    document            jsonb NOT NULL,
    plan                jsonb NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz,
    cancel_requested_at timestamptz,
    retry_of            uuid REFERENCES workflows (id),
    CONSTRAINT workflows_terminal_iff_finished CHECK ((state <> 'Running') = (finished_at IS NOT NULL))
);

ALTER TABLE tasks ADD COLUMN workflow_id uuid REFERENCES workflows (id);
ALTER TABLE tasks ADD COLUMN node integer;
CREATE INDEX tasks_workflow ON tasks (workflow_id, node) WHERE workflow_id IS NOT NULL;

CREATE TABLE workflow_nodes (
    workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    node        integer NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('job', 'gate')),
    task_id     uuid REFERENCES tasks (id),
    waiting     integer NOT NULL CHECK (waiting >= 0),
    PRIMARY KEY (workflow_id, node)
);

CREATE TABLE workflow_edges (
    workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    from_node   integer NOT NULL,
    to_node     integer NOT NULL,
    PRIMARY KEY (workflow_id, from_node, to_node)
);
