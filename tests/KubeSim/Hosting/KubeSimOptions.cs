using Overseer.KubeSim.Kubelet;

namespace Overseer.KubeSim.Hosting;

/// <summary>Settings of a simulator instance.</summary>
public sealed class KubeSimOptions
{
    /// <summary>Port on 127.0.0.1 (0: any free port).</summary>
    public int Port { get; set; }

    /// <summary>Changes kept for watches to resume from; older resourceVersions answer 410.</summary>
    public int HistoryLimit { get; set; } = 10_000;

    /// <summary>How often watches that allow bookmarks get one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After "node lost", how long pods stay <c>Unknown</c> before they are marked failed and deleted.</summary>
    public TimeSpan NodeLostDeleteAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First delay before the job controller replaces a failed pod (Kubernetes: 10 s; 0 here for fast tests).</summary>
    public TimeSpan JobBackoff { get; set; } = TimeSpan.Zero;

    /// <summary>Delay before the kubelet restarts a container (restartPolicy Always / OnFailure).</summary>
    public TimeSpan ContainerRestartDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>What images run.</summary>
    public ImageMap Images { get; set; } = new();

    /// <summary>Parent of the pods' host directories (a fresh temp directory when null).</summary>
    public string? WorkRoot { get; set; }

    /// <summary>Seed of the fault dice (random when null).</summary>
    public int? Seed { get; set; }

    /// <summary>The clock of timestamps, deadlines and TTLs.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
