namespace Overseer.Api.Queues;

/// <summary>
/// Every statement that changes a queue item, in one place. Items move available -> claimed -> done | dead, and
/// claimed -> available (nack with attempts left, release, expired lease). Each move is a compare-and-set on the
/// item's state and, for a holder's moves, its lease token (fencing: a runtime that lost an item cannot finish it).
/// Hot-path statements use positional parameters so Npgsql sends them as prepared statements without rewriting.
/// The Api runs them on a pool that forces generic plans (<see cref="QueueDataSource"/>), so they are written to plan
/// well without parameter values: statements on a list of items look them up by primary key (<c>i.id = ANY(ids)</c>),
/// and test "claimed" as <c>lease_expires_at IS NOT NULL</c> (the same thing, by a CHECK constraint) so the planner
/// does not scan every claimed item through the small partial index <c>queue_items_leases</c> instead.
/// </summary>
public static class QueueSql
{
    /// <summary>
    /// Enqueue: $1 queue, $2 payloads (json text), $3 priorities, $4 run-at times (null: now), $5 dedup keys.
    /// The queue row is KEY SHARE locked, so a concurrent delete waits (or this inserts nothing). Ids are taken in
    /// input order; an item whose dedup key is live is skipped (<c>inserted</c> false). Answers one row per input
    /// item, in order; no rows when the queue does not exist. Sent in one round trip and one transaction with
    /// <see cref="WakeIdle"/>.
    /// </summary>
    public const string Enqueue = """
        WITH q AS (
            SELECT name FROM queues WHERE name = $1 FOR KEY SHARE),
        input AS MATERIALIZED (
            SELECT nextval('queue_items_id_seq') AS id, x.n, x.payload, x.priority, x.run_at, x.dedup_key
            FROM q, unnest($2::text[], $3::int[], $4::timestamptz[], $5::text[]) WITH ORDINALITY AS x(payload, priority, run_at, dedup_key, n)),
        ins AS (
            INSERT INTO queue_items (id, queue, payload, priority, run_at, dedup_key)
            SELECT id, $1, payload::json, priority, coalesce(run_at, now()), dedup_key FROM input ORDER BY n
            ON CONFLICT (queue, dedup_key) WHERE dedup_key IS NOT NULL AND state IN ('available', 'claimed') DO NOTHING
            RETURNING id)
        SELECT input.id, ins.id IS NOT NULL AS inserted FROM input LEFT JOIN ins USING (id) ORDER BY input.n
        """;

    /// <summary>
    /// After an enqueue, in the same transaction: when the queue is idle and empty, its wait is pulled to now, so the
    /// spawner starts a pool on its next round. A statement of its own so that it reads the queue row as it is after
    /// the enqueue's KEY SHARE lock was granted: a spawner recording "empty" at that moment holds the row FOR UPDATE,
    /// so this sees its write (and the spawner, once it has the lock, sees these items). It writes the row only on
    /// that transition, never per enqueue. $1 queue.
    /// </summary>
    public const string WakeIdle = """
        UPDATE queues SET wait_until = now()
        WHERE name = $1 AND pool_task_id IS NULL AND wait_kind = 'empty' AND wait_until > now()
        """;

    /// <summary>Live items holding dedup keys: $1 queue, $2 keys. Answers (key, id).</summary>
    public const string LiveDedupKeys = """
        SELECT dedup_key, id FROM queue_items
        WHERE queue = $1 AND dedup_key = ANY($2::text[]) AND state IN ('available', 'claimed')
        """;

    /// <summary>
    /// The claim, with an optional ack in the same statement (one round trip, one commit): $1 queue, $2 most items,
    /// $3/$4 ids and tokens to ack first. The claim is one <c>FOR UPDATE SKIP LOCKED</c> scan of the partial index
    /// <c>queue_items_claim (queue, priority DESC, run_at, id) WHERE state = 'available'</c>, whose order is exactly
    /// this ORDER BY, so it reads only the rows it takes (plus rows other claimers hold). A paused or missing queue
    /// claims nothing. The claimed rows are updated through <c>id = ANY(ARRAY(picked))</c>, a primary-key lookup in
    /// the generic plan too (a join on <c>picked</c> plans as a hash join over the whole table when the LIMIT is a
    /// parameter). The acks run first (the claim's scan waits for them): a claim may leave a lock on a row it
    /// skipped, until its transaction ends, so a statement that waited in its acks while holding claimed rows
    /// could deadlock with another doing the same; acking before claiming never holds a row while it waits.
    /// Answers kind 0 rows (claimed: id, attempts, token, expiry, payload, priority, run_at, lease seconds) and
    /// kind 1 rows (acked ids).
    /// </summary>
    public const string Claim = """
        WITH acked AS (
            UPDATE queue_items i SET state = 'done', finished_at = now(), lease_expires_at = NULL
            FROM unnest($3::bigint[], $4::uuid[]) AS a(id, token)
            WHERE i.id = ANY($3::bigint[]) AND i.id = a.id AND i.queue = $1 AND i.lease_expires_at IS NOT NULL AND i.lease_token = a.token
            RETURNING i.id),
        q AS (
            SELECT lease_seconds FROM queues WHERE name = $1 AND NOT paused),
        picked AS (
            SELECT id FROM queue_items
            WHERE queue = $1 AND state = 'available' AND run_at <= now() AND EXISTS (SELECT 1 FROM q)
              AND (SELECT count(*) FROM acked) >= 0
            ORDER BY priority DESC, run_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED),
        claimed AS (
            UPDATE queue_items i SET state = 'claimed', attempts = i.attempts + 1, lease_token = gen_random_uuid(),
                                     lease_expires_at = now() + make_interval(secs => (SELECT lease_seconds FROM q))
            WHERE i.id = ANY(ARRAY(SELECT id FROM picked))
            RETURNING i.id, i.attempts, i.lease_token, i.lease_expires_at, i.payload::text AS payload, i.priority, i.run_at)
        SELECT 0 AS kind, id, attempts, lease_token, lease_expires_at, payload, priority, run_at, (SELECT lease_seconds FROM q) FROM claimed
        UNION ALL
        SELECT 1, id, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM acked
        """;

    /// <summary>Lease length of a queue (answers nothing when it does not exist): $1 queue.</summary>
    public const string LeaseSeconds = "SELECT lease_seconds FROM queues WHERE name = $1";

    /// <summary>Ack: claimed -> done for the holder's token. $1 queue, $2 ids, $3 tokens. Answers the acked ids.</summary>
    public const string Ack = """
        UPDATE queue_items i SET state = 'done', finished_at = now(), lease_expires_at = NULL
        FROM unnest($2::bigint[], $3::uuid[]) AS a(id, token)
        WHERE i.id = ANY($2::bigint[]) AND i.id = a.id AND i.queue = $1 AND i.lease_expires_at IS NOT NULL AND i.lease_token = a.token
        RETURNING i.id
        """;

    /// <summary>
    /// Items already done under the same token (an ack repeated after a lost answer counts as acked; done items
    /// keep their last token for this). $1 queue, $2 ids, $3 tokens.
    /// </summary>
    public const string AlreadyAcked = """
        SELECT i.id FROM queue_items i JOIN unnest($2::bigint[], $3::uuid[]) AS a(id, token) ON i.id = a.id
        WHERE i.queue = $1 AND i.state = 'done' AND i.lease_token = a.token
        """;

    /// <summary>Extend: renews the holder's leases by the queue's lease length. $1 queue, $2 ids, $3 tokens. Answers (id, expiry).</summary>
    public const string Extend = """
        UPDATE queue_items i SET lease_expires_at = now() + make_interval(secs => q.lease_seconds)
        FROM unnest($2::bigint[], $3::uuid[]) AS a(id, token), queues q
        WHERE q.name = $1 AND i.id = ANY($2::bigint[]) AND i.id = a.id AND i.queue = $1 AND i.lease_expires_at IS NOT NULL AND i.lease_token = a.token
        RETURNING i.id, i.lease_expires_at
        """;

    /// <summary>
    /// Nack: the holder's attempt failed. claimed -> available after the delay, or -> dead (keeping the error) when
    /// the queue's <c>max_attempts</c> are used up; a dead item is copied to the queue's dead-letter queue, if it
    /// exists. $1 queue, $2 ids, $3 tokens, $4 delays in seconds, $5 errors. Answers (id, new state).
    /// </summary>
    public const string Nack = """
        WITH q AS (
            SELECT max_attempts, dead_letter FROM queues WHERE name = $1),
        moved AS (
            UPDATE queue_items i SET
                state = CASE WHEN i.attempts >= q.max_attempts THEN 'dead' ELSE 'available' END,
                run_at = CASE WHEN i.attempts >= q.max_attempts THEN i.run_at ELSE now() + make_interval(secs => n.delay) END,
                finished_at = CASE WHEN i.attempts >= q.max_attempts THEN now() END,
                lease_expires_at = NULL, lease_token = NULL, last_error = n.error
            FROM unnest($2::bigint[], $3::uuid[], $4::float8[], $5::text[]) AS n(id, token, delay, error), q
            WHERE i.id = ANY($2::bigint[]) AND i.id = n.id AND i.queue = $1 AND i.lease_expires_at IS NOT NULL AND i.lease_token = n.token
            RETURNING i.id, i.state, i.payload, i.priority),
        forwarded AS (
            INSERT INTO queue_items (queue, payload, priority, dead_letter_of)
            SELECT q.dead_letter, m.payload, m.priority, m.id FROM moved m, q
            WHERE m.state = 'dead' AND EXISTS (SELECT 1 FROM queues d WHERE d.name = q.dead_letter))
        SELECT id, state FROM moved
        """;

    /// <summary>
    /// Release: the holder gives items back unrun (shutting down): claimed -> available at once, and the attempt is
    /// not counted. $1 queue, $2 ids, $3 tokens. Answers the released ids.
    /// </summary>
    public const string Release = """
        UPDATE queue_items i SET state = 'available', attempts = i.attempts - 1, lease_expires_at = NULL, lease_token = NULL
        FROM unnest($2::bigint[], $3::uuid[]) AS a(id, token)
        WHERE i.id = ANY($2::bigint[]) AND i.id = a.id AND i.queue = $1 AND i.lease_expires_at IS NOT NULL AND i.lease_token = a.token
        RETURNING i.id
        """;

    /// <summary>
    /// Lease expiry (leader only, fenced by its term): claimed items whose lease ended go back to available, or to
    /// dead when their attempts are used up (an expired lease counts as a failed attempt), oldest expiry first.
    /// Done by a leader loop rather than inside the claim, so the claim stays a pure scan of one ordered index.
    /// Answers (id, queue, new state).
    /// </summary>
    public const string ExpireLeases = """
        WITH fence AS (
            SELECT 1 FROM leader_leases WHERE name = @leaseName AND term = @term AND holder = @holder AND expires_at > now() FOR SHARE),
        expired AS (
            SELECT id FROM queue_items
            WHERE state = 'claimed' AND lease_expires_at < now() AND EXISTS (SELECT 1 FROM fence)
            ORDER BY lease_expires_at
            LIMIT @limit
            FOR UPDATE SKIP LOCKED),
        moved AS (
            UPDATE queue_items i SET
                state = CASE WHEN i.attempts >= q.max_attempts THEN 'dead' ELSE 'available' END,
                finished_at = CASE WHEN i.attempts >= q.max_attempts THEN now() END,
                last_error = 'lease expired during attempt ' || i.attempts || ' (no ack, nack or extend in time)',
                lease_expires_at = NULL, lease_token = NULL
            FROM expired e, queues q
            WHERE i.id = e.id AND q.name = i.queue
            RETURNING i.id, i.queue, i.state, i.payload, i.priority, q.dead_letter),
        forwarded AS (
            INSERT INTO queue_items (queue, payload, priority, dead_letter_of)
            SELECT m.dead_letter, m.payload, m.priority, m.id FROM moved m
            WHERE m.state = 'dead' AND EXISTS (SELECT 1 FROM queues d WHERE d.name = m.dead_letter))
        SELECT id AS Id, queue AS Queue, state AS State FROM moved
        """;

    /// <summary>Deletes every item of a queue (the caller holds the queue row locked).</summary>
    public const string DeleteItems = "DELETE FROM queue_items WHERE queue = @name";

    /// <summary>Items of a queue, newest first, keyset-paged on id, optionally of one state.</summary>
    /// <summary>
    /// Requeue: an operator gives a dead item another chance. dead -> available now, with its attempts reset and its
    /// last error kept for reference; the queue's idle wait is pulled to now as after an enqueue. A live item with the
    /// same dedup key makes it fail (unique violation). @queue, @id. Answers the item as listed; no row when it is
    /// not dead (or not there).
    /// </summary>
    public const string Requeue = """
        WITH moved AS (
            UPDATE queue_items SET state = 'available', attempts = 0, run_at = now(), finished_at = NULL
            WHERE queue = @queue AND id = @id AND state = 'dead'
            RETURNING id, state, priority, run_at, attempts, payload::text AS payload, dedup_key, last_error, lease_expires_at,
                      created_at, finished_at, dead_letter_of),
        woken AS (
            UPDATE queues SET wait_until = now()
            WHERE name = @queue AND EXISTS (SELECT 1 FROM moved) AND pool_task_id IS NULL AND wait_kind = 'empty' AND wait_until > now())
        SELECT * FROM moved
        """;

    public const string ListItems = """
        SELECT id, state, priority, run_at, attempts, payload::text AS payload, dedup_key, last_error, lease_expires_at,
               created_at, finished_at, dead_letter_of
        FROM queue_items
        WHERE queue = @queue AND (@state::text IS NULL OR state = @state) AND (@before::bigint IS NULL OR id < @before)
        ORDER BY id DESC LIMIT @limit
        """;
}
