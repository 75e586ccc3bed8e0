using Microsoft.Extensions.DependencyInjection;
using Overseer.Sidecar.Proxy;
using Overseer.Sidecar.Tests.Infrastructure;
using Overseer.Testing;

namespace Overseer.Sidecar.Tests.Proxy;

public sealed class ProxyRulesFileTests
{
    [Fact]
    public async Task Rules_file_changes_apply_without_restart_and_bad_files_keep_the_previous_rules()
    {
        await using var origin = await OriginServer.StartAsync();
        var dir = TestDirectories.Create("rules");
        var file = Path.Combine(dir, "rules.txt");
        await File.WriteAllTextAsync(file, "# nothing allowed yet\n");
        await using var sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["Proxy:RulesFile"] = file,
            ["Proxy:RulesFileReloadInterval"] = "00:00:00.100",
        });
        var request = $"GET http://127.0.0.1:{origin.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{origin.Port}\r\n\r\n";

        Assert.Equal(403, (await SendAsync(sidecar, request)).Status);

        // A ConfigMap update swaps a symlink; writing a new file and renaming it over the old one is the same for readers.
        await File.WriteAllTextAsync(file + ".new", $"allow 127.0.0.1:{origin.Port}\n");
        File.Move(file + ".new", file, overwrite: true);
        await Eventually.TrueAsync(async () => (await SendAsync(sidecar, request)).Status == 200, TimeSpan.FromSeconds(10), "rules reloaded");

        await File.WriteAllTextAsync(file, "allow 127.0.0.1:99999\nnonsense\n");
        await Eventually.TrueAsync(() => sidecar.Logs.Text.Contains("rejected, keeping the previous ones", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "bad file reported");
        Assert.Equal(200, (await SendAsync(sidecar, request)).Status);

        await File.WriteAllTextAsync(file, $"allow *\ndeny 127.0.0.1:{origin.Port}\n");
        await Eventually.TrueAsync(async () => (await SendAsync(sidecar, request)).Status == 403, TimeSpan.FromSeconds(10), "deny applied");
        TestDirectories.Delete(dir);
    }

    [Fact]
    public async Task Rules_file_caught_half_written_is_not_applied()
    {
        await using var origin = await OriginServer.StartAsync();
        var dir = TestDirectories.Create("rules-settle");
        var file = Path.Combine(dir, "rules.txt");
        await File.WriteAllTextAsync(file, $"allow 127.0.0.1:{origin.Port}\n");
        // The watcher stays out of the way: this test plays its part.
        await using var sidecar = new SidecarApplication(new Dictionary<string, string?>
        {
            ["Proxy:RulesFile"] = file,
            ["Proxy:RulesFileReloadInterval"] = "01:00:00",
        });
        var rules = sidecar.Services.GetRequiredService<ProxyRules>();
        var request = $"GET http://127.0.0.1:{origin.Port}/hello HTTP/1.1\r\nHost: 127.0.0.1:{origin.Port}\r\n\r\n";
        Assert.Equal(200, (await SendAsync(sidecar, request)).Status);

        // An editor truncates, the watcher reads the empty file, and by the time it looks again the new rules are written.
        await File.WriteAllTextAsync(file, "");
        var seen = rules.ChangedFile(file);
        await File.WriteAllTextAsync(file, $"allow 127.0.0.1:{origin.Port}\ndeny example.com\n");

        Assert.Equal("", seen);
        Assert.False(rules.ReloadFile(file, expected: seen));
        Assert.Equal(200, (await SendAsync(sidecar, request)).Status);
        Assert.True(rules.ReloadFile(file, expected: rules.ChangedFile(file)));
        Assert.Equal(200, (await SendAsync(sidecar, request)).Status);
        TestDirectories.Delete(dir);
    }

    private static async Task<RawResponse> SendAsync(SidecarApplication sidecar, string request)
    {
        await using var client = await RawHttp.ConnectAsync(sidecar.ProxyPort);
        return await client.RequestAsync(request);
    }
}
