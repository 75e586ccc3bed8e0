using System.Text;
using Microsoft.Extensions.Options;
using Overseer.Contracts.Tasks;
using Overseer.Contracts.Validation;
using Overseer.ServiceDefaults.Posix;

namespace Overseer.Api.Execution.Local;

/// <summary>
/// Resolves a task's <c>envFrom</c> and <c>valueFrom</c> for the local executor from directories shaped like mounted
/// Secrets and ConfigMaps (<c>&lt;dir&gt;/&lt;name&gt;/&lt;key&gt;</c>), when the attempt starts: values live only there and in
/// the task's process, never in the database, an answer or a log. A missing reference that is not optional fails the start.
/// </summary>
public sealed class LocalEnvSources(IOptions<ExecutorOptions>? options = null)
{
    /// <summary>Largest value read (the size limit of a Kubernetes Secret).</summary>
    public const int MaxValueBytes = 1024 * 1024;

    /// <summary>Variables from <paramref name="spec"/>'s <c>envFrom</c>, in order (later sources win).</summary>
    public IEnumerable<KeyValuePair<string, string>> EnvFrom(TaskSpec spec)
    {
        foreach (var source in spec.EnvFrom)
        {
            var (kind, reference) = source.SecretRef is { } s ? ("secret", s) : ("configmap", source.ConfigMapRef!);
            var dir = ObjectDir(kind, reference.Name);
            if (dir is null || !Directory.Exists(dir))
            {
                if (reference.Optional)
                {
                    continue;
                }
                throw new AttemptStartException(Missing(kind, reference.Name, null));
            }
            string[] files;
            try
            {
                files = Directory.GetFiles(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AttemptStartException($"{kind} \"{reference.Name}\" could not be listed: {e.GetType().Name}");
            }
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                var name = (source.Prefix ?? "") + Path.GetFileName(file);
                if (!Path.GetFileName(file).StartsWith('.') && EnvNames.Check(name) is null)
                {
                    yield return new(name, Read(Contained(file, kind, reference.Name), kind, reference.Name));
                }
            }
        }
    }

    /// <summary>Variables from <paramref name="spec"/>'s <c>valueFrom</c>; an optional one that is missing is left out.</summary>
    public IEnumerable<KeyValuePair<string, string>> ValueFrom(TaskSpec spec)
    {
        foreach (var (name, source) in spec.ValueFrom)
        {
            var (kind, reference) = source.SecretKeyRef is { } s ? ("secret", s) : ("configmap", source.ConfigMapKeyRef!);
            var dir = ObjectDir(kind, reference.Name);
            var file = dir is null ? null : Path.Combine(dir, reference.Key);
            if (file is null || !File.Exists(file))
            {
                if (reference.Optional)
                {
                    continue;
                }
                throw new AttemptStartException(Missing(kind, reference.Name, reference.Key));
            }
            yield return new(name, Read(Contained(file, kind, reference.Name), kind, reference.Name));
        }
    }

    /// <summary>
    /// <paramref name="path"/> with every link resolved, when that stays inside the Secret's (or ConfigMap's) root; a link
    /// out of it (to <c>/etc/shadow</c>, the admin token, another user's files) fails the start, naming the reference.
    /// Links inside the root are fine: a mounted Secret's keys are links into its <c>..data</c> directory.
    /// </summary>
    private string Contained(string path, string kind, string name)
    {
        var root = kind == "secret" ? options!.Value.SecretsDir! : options!.Value.ConfigMapsDir!;
        if (Native.RealPath(path) is not { } real)
        {
            return path; // a dangling link: reading it fails, naming the key
        }
        var realRoot = Native.RealPath(root) ?? Path.GetFullPath(root);
        if (!real.StartsWith(realRoot.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            var setting = kind == "secret" ? "Executor:SecretsDir" : "Executor:ConfigMapsDir";
            throw new AttemptStartException(
                $"{kind} \"{name}\" key \"{Path.GetFileName(path)}\" is a symbolic link that leaves the local executor's {setting}; refused");
        }
        return real;
    }

    private string? ObjectDir(string kind, string name)
    {
        var root = kind == "secret" ? options?.Value.SecretsDir : options?.Value.ConfigMapsDir;
        // Names are DNS-1123 subdomains (validated at submission): no '/' and no '..', so this stays inside root.
        return string.IsNullOrEmpty(root) ? null : Path.Combine(root, name);
    }

    private string Missing(string kind, string name, string? key)
    {
        var setting = kind == "secret" ? "Executor:SecretsDir" : "Executor:ConfigMapsDir";
        var configured = kind == "secret" ? options?.Value.SecretsDir : options?.Value.ConfigMapsDir;
        var what = key is null ? $"{kind} \"{name}\" was not found" : $"{kind} \"{name}\" has no key \"{key}\"";
        return string.IsNullOrEmpty(configured)
            ? $"{what}: the local executor has no {setting} to read {kind}s from"
            : $"{what} in the local executor's {setting} (expected a file {name}/{key ?? "<key>"} there)";
    }

    private static string Read(string file, string kind, string name)
    {
        var info = new FileInfo(file);
        if (info.Length > MaxValueBytes)
        {
            throw new AttemptStartException($"{kind} \"{name}\" key \"{info.Name}\" is larger than {MaxValueBytes} bytes");
        }
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AttemptStartException($"{kind} \"{name}\" key \"{info.Name}\" could not be read: {e.GetType().Name}");
        }
    }
}
