namespace Overseer.Api.Tests.Infrastructure;

/// <summary>The Api with cheap password hashes: the user tests hash dozens of passwords, which at the production cost would load the shared machine for seconds.</summary>
public sealed class UsersApiApplication : ApiApplication
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Users:PasswordIterations"] = "1000" };
}
