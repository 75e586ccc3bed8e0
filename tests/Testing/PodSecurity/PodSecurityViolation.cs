namespace Overseer.Testing.PodSecurity;

/// <summary>One way a pod breaks a Pod Security Standards control.</summary>
/// <param name="Control">The control's name as the PSS page lists it, e.g. "Privilege Escalation".</param>
/// <param name="Path">Where in the object, e.g. <c>spec.template.spec.containers[0](api).securityContext</c>.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record PodSecurityViolation(string Control, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Control} at {Path}: {Message}";
}
