using Overseer.Testing;

namespace Overseer.AppHost.Tests.Publish;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/NAME.verified.yaml</c>. On a difference it writes
/// <c>NAME.received.yaml</c> beside it (git-ignored) and fails. To accept new output after a deliberate change:
/// <c>OVERSEER_ACCEPT_SNAPSHOTS=1 dotnet test tests/AppHost.Tests --filter "FullyQualifiedName~Publish"</c>,
/// then review the diff with <c>git diff</c>.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "OVERSEER_ACCEPT_SNAPSHOTS";

    public static string Dir => Path.Combine(RepoPaths.Root, "tests", "AppHost.Tests", "Publish", "Snapshots");

    /// <summary>Every file of a publish in one YAML stream: each document is preceded by <c>--- # file-name</c>.</summary>
    public static string Of(Published published) =>
        string.Concat(published.Resources.Append("kustomization.yaml").Select(f => $"--- # {f}\n{published.Read(f)}"));

    public static void Match(string name, string actual, string extension = "yaml")
    {
        var verified = Path.Combine(Dir, $"{name}.verified.{extension}");
        var received = Path.Combine(Dir, $"{name}.received.{extension}");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : "";
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }
        Assert.Fail($"""
            {name}: output differs from {Path.GetFileName(verified)} at line {line + 1}
              expected: {(line < expectedLines.Length ? expectedLines[line] : "(end of file)")}
              actual:   {(line < actualLines.Length ? actualLines[line] : "(end of file)")}
            The whole output is in {received}. If the change is intended, accept it with {AcceptVariable}=1 (see Snapshot.cs).
            """);
    }
}
