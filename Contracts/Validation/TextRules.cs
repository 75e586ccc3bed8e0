namespace Overseer.Contracts.Validation;

/// <summary>Checks shared by every free-text field that reaches a process, a database or a Kubernetes object.</summary>
public static class TextRules
{
    /// <summary>Returns null when <paramref name="value"/> has no NUL, no lone surrogate and fits <paramref name="maxLength"/>.</summary>
    public static string? Check(string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters (got {value.Length})";
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "must not contain NUL characters";
            }
            if (char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
            {
                return "must be valid Unicode (lone surrogate)";
            }
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])))
            {
                return "must be valid Unicode (lone surrogate)";
            }
        }
        return null;
    }
}
