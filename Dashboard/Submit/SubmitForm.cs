namespace Overseer.Dashboard.Submit;

/// <summary>The Submit page's form.</summary>
public sealed class SubmitForm
{
    /// <summary>The pasted document (an uploaded file wins over it).</summary>
    public string? Document { get; set; }

    /// <summary><c>dry-run</c> or <c>submit</c>.</summary>
    public string? Mode { get; set; }
}
