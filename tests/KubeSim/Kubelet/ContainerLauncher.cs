using System.Text.Json.Nodes;
using Overseer.KubeSim.Api;

namespace Overseer.KubeSim.Kubelet;

/// <summary>Starts one run of a container: resolves its program (image map, command, args, <c>$(VAR)</c>), builds its environment, spawns it.</summary>
internal static class ContainerLauncher
{
    /// <summary>Starts <paramref name="container"/> and records its new state: running, waiting (config error), or terminated (StartError).</summary>
    public static void Launch(ContainerRun container, JsonObject pod, ImageMap images, IReadOnlyDictionary<string, string> volumes, string podDirectory,
        ConfigSources sources, TimeProvider time)
    {
        var (env, envError) = ContainerEnvironment.Build(pod, container.Spec, images.Find(container.Image), volumes, podDirectory, sources);
        var command = Strings(container.Spec["command"])?.Select(s => ContainerEnvironment.Expand(s, env)).ToList();
        var args = Strings(container.Spec["args"])?.Select(s => ContainerEnvironment.Expand(s, env)).ToList();
        var argv = images.Resolve(container.Image, command, args);
        var workingDir = SimJson.Str(container.Spec, "workingDir") is { } w && Directory.Exists(w) ? w : podDirectory;
        container.ForcedReason = null;
        container.ProbeReady = false;
        container.Message = null;
        if (images.IsUnpullable(container.Image))
        {
            (container.State, container.Reason, container.Message) =
                ("waiting", "ImagePullBackOff", $"Back-off pulling image \"{container.Image}\": not found");
            return;
        }
        if (envError is not null)
        {
            (container.State, container.Reason, container.Message) = ("waiting", "CreateContainerConfigError", envError);
            return;
        }
        if (argv is null)
        {
            Fail(container, $"image \"{container.Image}\" has no local mapping in KubeSim and the container has no command", time);
            return;
        }
        var (process, error) = ContainerProcess.Start(argv, env, workingDir, time);
        if (process is null)
        {
            Fail(container, error!, time);
            return;
        }
        container.Process = process;
        container.Logs.Add(process.Log);
        (container.State, container.Reason, container.StartedAt) = ("running", null, time.GetUtcNow());
    }

    private static void Fail(ContainerRun container, string message, TimeProvider time)
    {
        (container.State, container.Reason, container.Message, container.ExitCode) = ("terminated", "StartError", message, 128);
        container.StartedAt = container.FinishedAt = time.GetUtcNow();
    }

    private static List<string>? Strings(JsonNode? node) => (node as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToList();
}
