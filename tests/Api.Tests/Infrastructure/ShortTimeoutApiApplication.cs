namespace Overseer.Api.Tests.Infrastructure;

/// <summary>The Api with <c>Tasks:DefaultTimeoutSeconds</c> set, as publish sets it from <c>global.checkTimeout</c>.</summary>
public sealed class ShortTimeoutApiApplication : ApiApplication
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Tasks:DefaultTimeoutSeconds"] = "42", ["Tasks:MaxTimeoutSeconds"] = "3600" };
}
