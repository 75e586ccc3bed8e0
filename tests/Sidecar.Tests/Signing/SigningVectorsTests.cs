using System.Text;
using System.Text.RegularExpressions;
using Overseer.Contracts.Signing;

namespace Overseer.Sidecar.Tests.Signing;

/// <summary>The vectors published in docs/result-signing.md hold for the code.</summary>
public sealed partial class SigningVectorsTests
{
    public static TheoryData<string> Vectors()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "result-signing.md"));
        var data = new TheoryData<string>();
        foreach (Match match in VectorBlock().Matches(doc))
        {
            data.Add(match.Groups[1].Value);
        }
        return data;
    }

    [Fact]
    public void Document_has_vectors() => Assert.True(Vectors().Count >= 3);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Published_vector_matches_the_implementation(string block)
    {
        var v = block.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        var taskId = Guid.Parse(v["task_id"]);
        var attempt = int.Parse(v["attempt"], System.Globalization.CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(v["body"]);

        var key = AttemptKeys.Derive(Convert.FromHexString(v["master_key_hex"]), taskId, attempt);
        var signed = RequestSigner.Sign(key, v["method"], v["path"], taskId, attempt, v["timestamp"], v["nonce"], body);
        var canonical = CanonicalRequest.Build(v["method"], v["path"], taskId, attempt, v["timestamp"], v["nonce"], body);

        Assert.Equal(v["attempt_key_hex"], Convert.ToHexStringLower(key));
        Assert.Equal(v["body_sha256_hex"], CanonicalRequest.BodyHash(body));
        Assert.Equal(v["signature_hex"], signed.Signature);
        Assert.True(RequestSignature.Verify(key, canonical, v["signature_hex"]));
        Assert.False(RequestSignature.Verify(key, canonical + "x", v["signature_hex"]));
        Assert.False(RequestSignature.Verify(key, canonical, v["signature_hex"].ToUpperInvariant()));
    }

    [GeneratedRegex("```vector\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex VectorBlock();
}
