namespace Overseer.Api.Leadership;

/// <summary>SQL of the Postgres leader lease (local mode). Times come from the database clock only.</summary>
internal static class LeaseSql
{
    /// <summary>Takes the lease when it is free or expired, starting a new term (recorded in <c>leader_terms</c>).</summary>
    public const string Acquire = """
        WITH taken AS (
            UPDATE leader_leases SET holder = @holder, term = term + 1, acquired_at = now(), renewed_at = now(),
                                     expires_at = now() + make_interval(secs => @ttlSeconds)
            WHERE name = @name AND (holder IS NULL OR holder = @holder OR expires_at < now())
            RETURNING term, holder, acquired_at)
        INSERT INTO leader_terms (name, term, holder, acquired_at)
        SELECT @name, term, holder, acquired_at FROM taken
        RETURNING term
        """;

    /// <summary>Extends the lease while the term is unbroken.</summary>
    public const string Renew = """
        UPDATE leader_leases SET renewed_at = now(), expires_at = now() + make_interval(secs => @ttlSeconds)
        WHERE name = @name AND holder = @holder AND term = @term AND expires_at > now()
        RETURNING term
        """;

    /// <summary>Gives the lease up at once, so another replica takes over without waiting for expiry.</summary>
    public const string Release = """
        UPDATE leader_leases SET expires_at = '-infinity' WHERE name = @name AND holder = @holder AND term = @term
        """;

    /// <summary>
    /// Mirrors a Kubernetes Lease term into the database lease row (never moving the term backwards), so singleton
    /// writes are fenced by <c>TaskSql.HoldsLease</c> in both modes.
    /// </summary>
    public const string Mirror = """
        WITH mirrored AS (
            UPDATE leader_leases SET holder = @holder, term = @term, renewed_at = now(),
                                     acquired_at = CASE WHEN term = @term AND holder = @holder THEN acquired_at ELSE now() END,
                                     expires_at = now() + make_interval(secs => @ttlSeconds)
            WHERE name = @name AND (term < @term OR (term = @term AND holder = @holder))
            RETURNING term, holder, acquired_at),
        recorded AS (
            INSERT INTO leader_terms (name, term, holder, acquired_at)
            SELECT @name, term, holder, acquired_at FROM mirrored
            ON CONFLICT (name, term) DO NOTHING)
        SELECT term FROM mirrored
        """;
}
