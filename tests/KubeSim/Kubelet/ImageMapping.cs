namespace Overseer.KubeSim.Kubelet;

/// <summary>What runs for images starting with <see cref="ImagePrefix"/>: the image's entrypoint as a local program, and extra environment.</summary>
public sealed record ImageMapping(string ImagePrefix, IReadOnlyList<string> Entrypoint, IReadOnlyDictionary<string, string>? Environment = null);
