-- Results relayed by sidecars: one per (task, attempt), the files that came with it, the one enrollment per attempt,
-- and the nonces seen within the signature window. See docs/result-signing.md.

-- At most one enrollment per attempt: the first valid exchange wins; another instance trying again marks it contested.
CREATE TABLE result_enrollments (
    task_id       uuid NOT NULL,
    attempt       integer NOT NULL,
    token_hash    bytea NOT NULL,
    instance_hash bytea NOT NULL,
    enrolled_at   timestamptz NOT NULL DEFAULT now(),
    contested_at  timestamptz,
    PRIMARY KEY (task_id, attempt),
    FOREIGN KEY (task_id, attempt) REFERENCES attempts (task_id, attempt) ON DELETE CASCADE
);

-- Exactly once per (task, attempt): the primary key is the guard; duplicates are answered from the stored body hash.
CREATE TABLE attempt_results (
    task_id     uuid NOT NULL,
    attempt     integer NOT NULL,
    result      json,
    body_sha256 bytea NOT NULL,
    verified    boolean NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, attempt),
    FOREIGN KEY (task_id, attempt) REFERENCES attempts (task_id, attempt) ON DELETE CASCADE
);

CREATE TABLE attempt_files (
    task_id uuid NOT NULL,
    attempt integer NOT NULL,
    path    text NOT NULL,
    size    bigint NOT NULL CHECK (size >= 0),
    sha256  bytea NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (task_id, attempt, path),
    FOREIGN KEY (task_id, attempt) REFERENCES attempt_results (task_id, attempt) ON DELETE CASCADE
);

-- Nonces are kept past the timestamp window (a replay older than the window fails the timestamp check instead).
CREATE TABLE result_nonces (
    task_id    uuid NOT NULL,
    attempt    integer NOT NULL,
    nonce      text NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (task_id, attempt, nonce)
);
CREATE INDEX result_nonces_expiry ON result_nonces (expires_at);
