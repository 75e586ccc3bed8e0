using System.Text;

namespace Overseer.KubeSim.Hosting;

/// <summary>Writes a kubeconfig for the simulator: its CA, and a client certificate or a token.</summary>
public static class KubeconfigWriter
{
    /// <summary>The kubeconfig text; exactly one of (<paramref name="certificatePem"/>, <paramref name="keyPem"/>) and <paramref name="token"/> is used.</summary>
    public static string Render(Uri server, string caPem, string? certificatePem, string? keyPem, string? token, string ns = "default",
        string context = "kubesim")
    {
        static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
        var user = token is not null
            ? $"    token: {token}\n"
            : $"    client-certificate-data: {B64(certificatePem!)}\n    client-key-data: {B64(keyPem!)}\n";
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {context}
              cluster:
                server: {server.ToString().TrimEnd('/')}
                certificate-authority-data: {B64(caPem)}
            users:
            - name: {context}-admin
              user:
            {user}contexts:
            - name: {context}
              context:
                cluster: {context}
                user: {context}-admin
                namespace: {ns}
            current-context: {context}

            """;
    }
}
