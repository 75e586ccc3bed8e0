using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Overseer.Api.Kubernetes.Config;

/// <summary>Loads PEM certificates and keys from kubeconfig fields (a file path or base64 <c>-data</c>), with errors that name the field.</summary>
public static class PemMaterial
{
    /// <summary>The PEM text of a <c>-data</c> field (base64) or else of a file.</summary>
    public static string? ReadText(string? data, string? file, string what)
    {
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException e)
            {
                throw new KubernetesConfigException($"{what} data is not valid base64", e);
            }
        }
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Cannot read {what} file '{file}': {e.Message}", e);
        }
    }

    /// <summary>Every certificate in a PEM bundle; at least one is required.</summary>
    public static X509Certificate2Collection Certificates(string pem, string what)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubernetesConfigException($"{what} is not valid PEM: {e.Message}", e);
        }
        if (collection.Count == 0)
        {
            throw new KubernetesConfigException($"{what} holds no PEM certificate");
        }
        return collection;
    }

    /// <summary>A certificate with its private key (RSA or EC; PKCS#1, SEC1 or PKCS#8 PEM).</summary>
    public static X509Certificate2 ClientCertificate(string certificatePem, string keyPem, string what)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KubernetesConfigException($"{what}: the certificate or key is not valid PEM, or they do not match: {e.Message}", e);
        }
    }
}
