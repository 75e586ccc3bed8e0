using Overseer.Contracts.Validation;

namespace Overseer.Api.Workflows.Parsing;

/// <summary>A submitted document cannot be read; <see cref="Problems"/> names every problem by field (or <c>body</c>).</summary>
public sealed class DocumentException : Exception
{
    /// <summary>One problem with one field.</summary>
    public DocumentException(string field, string message) : base(message)
    {
        var errors = new ValidationErrors();
        errors.Add(string.IsNullOrEmpty(field) ? "body" : field, message);
        Problems = errors.ToDictionary();
    }

    /// <summary>Every problem found; <paramref name="errors"/> must not be empty.</summary>
    public DocumentException(ValidationErrors errors) : base(First(errors).Value[0]) => Problems = errors.ToDictionary();

    /// <summary>Path of the first offending field, or <c>body</c> (also for an empty key, which names no field).</summary>
    public string Field => Problems.Keys.First();

    /// <summary>Every problem, keyed by field path, in the shape of RFC 9457 validation problem details.</summary>
    public IDictionary<string, string[]> Problems { get; }

    private static KeyValuePair<string, string[]> First(ValidationErrors errors) => errors.ToDictionary().First();
}
