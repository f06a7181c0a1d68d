using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Benchmarks.Tenants;

/// <summary>
/// A pass-through handler in one build of a connection's Graph handler chain, which that build's services hold for as long as
/// they live: once it is collected, so are they. Added only to the builds of the release batch (<see cref="Armed"/>).
/// </summary>
internal sealed class ReleaseProbe : DelegatingHandler
{
    private static readonly Lock Gate = new();
    private static readonly List<WeakReference> Created = [];

    private ReleaseProbe()
    {
        lock (Gate)
        {
            Created.Add(new WeakReference(this));
        }
    }

    /// <summary>Whether builds made now get a probe.</summary>
    public static bool Armed { get; set; }

    /// <summary>A probe when <see cref="Armed"/>; the hook is evaluated when a build is made.</summary>
    public static void AddTo(IHttpClientBuilder builder)
    {
        if (Armed)
        {
            builder.AddHttpMessageHandler(() => new ReleaseProbe());
        }
    }

    /// <summary>Moves the probes created so far out (the caller keeps the weak references) and starts a new set.</summary>
    public static List<WeakReference> TakeCreated()
    {
        lock (Gate)
        {
            var created = Created.ToList();
            Created.Clear();
            return created;
        }
    }
}
