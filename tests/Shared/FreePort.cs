using System.Net;
using System.Net.Sockets;

// The namespace is shared by several test projects; no Visual Basic code consumes it.
#pragma warning disable CA1716
namespace Entra.Actions.Tests.Shared;
#pragma warning restore CA1716

/// <summary>Free loopback ports for the apps and servers the tests start.</summary>
internal static class FreePort
{
    /// <summary>A port nothing listens on right now (the caller binds it at once; a lost race is retried by the caller).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
