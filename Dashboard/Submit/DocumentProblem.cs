namespace Overseer.Dashboard.Submit;

/// <summary>One validation error of a submitted document, placed on a line when the field could be found.</summary>
/// <param name="Field">Field path as the Api named it.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">1-based line, or null when not tied to a line.</param>
public sealed record DocumentProblem(string Field, string Message, int? Line);
