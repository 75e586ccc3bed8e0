namespace Overseer.AppHost.Model;

/// <summary>An environment variable of a service whose value is a secret parameter (in Kubernetes: a Secret key of that name).</summary>
/// <param name="Variable">The variable's name.</param>
/// <param name="Parameter">The secret parameter, and the key of the deployment's Secret.</param>
public sealed record SecretVariable(string Variable, string Parameter);
