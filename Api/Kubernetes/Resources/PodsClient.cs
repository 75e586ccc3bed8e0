using Overseer.Api.Kubernetes.Models;
using Overseer.Api.Kubernetes.Serialization;
using Overseer.Api.Kubernetes.Transport;

namespace Overseer.Api.Kubernetes.Resources;

/// <summary>Pods, plus their logs.</summary>
public sealed class PodsClient(KubernetesTransport transport)
    : ResourceClient<Pod, PodList>(transport, ResourceType.Pods, KubernetesJsonContext.Default.Pod, KubernetesJsonContext.Default.PodList)
{
    /// <summary>Reads a container's log as it is now.</summary>
    public async Task<string> ReadLogAsync(string ns, string name, PodLogOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = await Transport.SendAsync(LogRequest(ns, name, options ?? new PodLogOptions(), follow: false), cancellationToken);
        return System.Text.Encoding.UTF8.GetString(body);
    }

    /// <summary>Follows a container's log: the stream ends when the container does (or the caller cancels). Dispose it.</summary>
    public async Task<Stream> FollowLogAsync(string ns, string name, PodLogOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await Transport.OpenStreamAsync(LogRequest(ns, name, options ?? new PodLogOptions(), follow: true), cancellationToken);
        try
        {
            return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private KubernetesRequest LogRequest(string ns, string name, PodLogOptions options, bool follow)
    {
        var query = new QueryString()
            .Add("container", options.Container)
            .Add("tailLines", options.TailLines)
            .Add("sinceSeconds", options.SinceSeconds)
            .Add("timestamps", options.Timestamps)
            .Add("previous", options.Previous)
            .Add("follow", follow);
        return Request(HttpMethod.Get, Resource.ObjectPath(ns, name) + "/log" + query, "get", ns, name, "log");
    }
}
