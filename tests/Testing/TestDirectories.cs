namespace Overseer.Testing;

/// <summary>
/// Temporary directories for tests, under <c>/tmp</c> (or <c>OVERSEER_TEST_TMP</c>), searchable by every user so
/// that PostgreSQL, which runs as <c>postgres</c> when tests run as root, can reach them.
/// </summary>
public static class TestDirectories
{
    /// <summary>Creates a fresh directory.</summary>
    public static string Create(string purpose)
    {
        var root = Environment.GetEnvironmentVariable("OVERSEER_TEST_TMP") is { Length: > 0 } r ? r : "/tmp";
        var dir = Path.Combine(root, $"overseer-test-{purpose}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        return dir;
    }

    /// <summary>
    /// Creates a fresh directory that local tasks may write to (mode 1777, as <c>/tmp</c>): when the tests run as root,
    /// tasks run as the unprivileged task user.
    /// </summary>
    public static string CreateForTasks(string purpose)
    {
        var dir = Create(purpose);
        File.SetUnixFileMode(dir, (UnixFileMode)0b1_111_111_111);
        return dir;
    }

    /// <summary>Removes a directory, ignoring what cannot be removed.</summary>
    public static void Delete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers in /tmp are harmless.
        }
    }
}
