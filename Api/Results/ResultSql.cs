namespace Overseer.Api.Results;

/// <summary>The result relay's SQL, in one place.</summary>
internal static class ResultSql
{
    /// <summary>The task's latest attempt, share-locked so no new attempt starts before this transaction ends.</summary>
    public const string Fence = "SELECT attempt FROM tasks WHERE id = @taskId FOR SHARE";

    /// <summary>The fence plus whether this attempt's enrollment was contested.</summary>
    public const string FenceWithEnrollment = """
        SELECT t.attempt AS Current, (e.contested_at IS NOT NULL) AS Contested
        FROM tasks t LEFT JOIN result_enrollments e ON e.task_id = t.id AND e.attempt = @attempt
        WHERE t.id = @taskId
        FOR SHARE OF t
        """;

    public const string UseNonce = """
        INSERT INTO result_nonces (task_id, attempt, nonce, expires_at) VALUES (@taskId, @attempt, @nonce, @expiresAt)
        ON CONFLICT DO NOTHING
        """;

    public const string InsertEnrollment = """
        INSERT INTO result_enrollments (task_id, attempt, token_hash, instance_hash) VALUES (@taskId, @attempt, @tokenHash, @instanceHash)
        ON CONFLICT (task_id, attempt) DO NOTHING
        """;

    public const string LockEnrollment = """
        SELECT token_hash, instance_hash, contested_at FROM result_enrollments
        WHERE task_id = @taskId AND attempt = @attempt FOR UPDATE
        """;

    public const string Contest = """
        UPDATE result_enrollments SET contested_at = coalesce(contested_at, now()) WHERE task_id = @taskId AND attempt = @attempt
        """;

    public const string InsertResult = """
        INSERT INTO attempt_results (task_id, attempt, result, body_sha256, verified)
        VALUES (@taskId, @attempt, @result::json, @bodyHash, true)
        ON CONFLICT (task_id, attempt) DO NOTHING
        """;

    public const string InsertFiles = """
        INSERT INTO attempt_files (task_id, attempt, path, size, sha256, content)
        SELECT @taskId, @attempt, x.path, x.size, x.sha256, x.content
        FROM unnest(@paths::text[], @sizes::bigint[], @hashes::bytea[], @contents::bytea[]) AS x(path, size, sha256, content)
        """;

    public const string Heartbeat = """
        UPDATE attempts SET heartbeat_deadline = greatest(heartbeat_deadline, now() + make_interval(secs => @ttlSeconds))
        WHERE task_id = @taskId AND attempt = @attempt AND state IN ('Dispatching', 'Running')
        """;
}
