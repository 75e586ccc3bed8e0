namespace Overseer.KubeSim.Security;

/// <summary>An authenticated user: name and groups.</summary>
public sealed record SimUser(string Name, IReadOnlyList<string> Groups);
