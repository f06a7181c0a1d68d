using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// Services an idle drop detached, for the caller to dispose. Disposing a service provider scans the providers built after it
/// that are still alive (Microsoft.Extensions.DependencyInjection keeps every provider in one list for its event source), so
/// many are disposed newest first (<see cref="Order"/> descending): oldest first would cost time quadratic in their number.
/// </summary>
/// <param name="Name">The connection's name.</param>
/// <param name="Order">The order in which the services were built, process-wide.</param>
/// <param name="Services">The services to dispose.</param>
internal readonly record struct DroppedBuild(string Name, long Order, ServiceProvider Services);
