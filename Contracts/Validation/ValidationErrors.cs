namespace Overseer.Contracts.Validation;

/// <summary>Problems found in an input, keyed by the path of the offending field (e.g. <c>env.PATH</c>, <c>command[0]</c>).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when nothing is wrong.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Records a problem with a field.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }
        list.Add(message);
    }

    /// <summary>Copies another set of errors in, prefixing each field.</summary>
    public void AddAll(ValidationErrors other, string prefix)
    {
        foreach (var (field, messages) in other._errors)
        {
            foreach (var message in messages)
            {
                Add(prefix.Length == 0 ? field : $"{prefix}.{field}", message);
            }
        }
    }

    /// <summary>The errors in the shape of RFC 9457 validation problem details.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
