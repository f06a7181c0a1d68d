using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>How a coordinated node joins the others: the Redis throttle store.</summary>
internal static class Coordination
{
    /// <summary>Whether this build has the Redis store (the coordinated runs need it).</summary>
    public static bool Available => false;

    public static void Register(IServiceCollection services, string redis) =>
        throw new NotSupportedException($"The Redis throttle store is not in this build; cannot register {services.Count} services against {redis}.");
}
