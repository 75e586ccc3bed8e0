using Overseer.Dashboard.Account;

namespace Overseer.Dashboard.Tests.Units;

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/tasks?state=Failed", "/tasks?state=Failed")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/tasks\r\nSet-Cookie: x", "/")]
    [InlineData(null, "/")]
    public void Only_local_paths_are_kept(string? url, string expected) => Assert.Equal(expected, LocalUrl.OrDefault(url));
}
