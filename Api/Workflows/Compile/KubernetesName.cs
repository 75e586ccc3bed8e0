using System.Security.Cryptography;
using System.Text;
using Overseer.Contracts.Validation;

namespace Overseer.Api.Workflows.Compile;

/// <summary>
/// Derives a DNS-1123 label from a workflow, group or job name, which the user keeps as the display name.
/// jobs-manager-operator lowercases the names it joins (<c>jobNameGenerator</c> in controllers/helpers.go) and leaves
/// the rest to the API server, which refuses dots and other characters in a Job's label; Overseer goes on from there.
/// </summary>
public static class KubernetesName
{
    /// <summary>Hex characters of the hash suffix.</summary>
    public const int HashLength = 6;

    /// <summary>
    /// A valid label stays as it is. Anything else is lowercased, every character outside <c>[a-z0-9-]</c> becomes
    /// <c>-</c>, leading and trailing dashes go; a name longer than <paramref name="maxLength"/> is cut and ends in a
    /// hash of the original, and a name with nothing left is that hash alone. Deriving a derived name changes nothing.
    /// </summary>
    public static string Derive(string original, int maxLength = Dns1123.MaxLabelLength)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (Dns1123.CheckLabel(original, maxLength) is null)
        {
            return original;
        }
        var mapped = new StringBuilder(original.Length);
        foreach (var c in original.ToLowerInvariant())
        {
            mapped.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }
        var derived = mapped.ToString().Trim('-');
        return derived.Length == 0 || derived.Length > maxLength ? WithHash(derived, original, maxLength) : derived;
    }

    /// <summary>
    /// Derives each of <paramref name="originals"/>, and gives every derived name that another one collides with a
    /// hash of its original, unless it is its original (a name that was valid as written keeps it).
    /// </summary>
    public static string[] DeriveAll(IReadOnlyList<string> originals, int maxLength = Dns1123.MaxLabelLength)
    {
        ArgumentNullException.ThrowIfNull(originals);
        var derived = originals.Select(o => Derive(o, maxLength)).ToArray();
        var collisions = derived.CountBy(d => d, StringComparer.Ordinal).Where(c => c.Value > 1).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < derived.Length; i++)
        {
            if (collisions.Contains(derived[i]) && derived[i] != originals[i])
            {
                derived[i] = WithHash(derived[i], originals[i], maxLength);
            }
        }
        return derived;
    }

    /// <summary><paramref name="derived"/> cut so that <c>-</c> and the hash of <paramref name="original"/> fit in <paramref name="maxLength"/>.</summary>
    public static string WithHash(string derived, string original, int maxLength = Dns1123.MaxLabelLength)
    {
        ArgumentNullException.ThrowIfNull(derived);
        ArgumentNullException.ThrowIfNull(original);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original)))[..HashLength];
        var head = derived[..Math.Min(derived.Length, Math.Max(0, maxLength - HashLength - 1))].TrimEnd('-');
        return head.Length == 0 ? hash : $"{head}-{hash}";
    }
}
