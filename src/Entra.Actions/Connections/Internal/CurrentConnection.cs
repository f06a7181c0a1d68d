namespace Entra.Actions.Connections.Internal;

/// <summary>The name of the connection a service provider serves (<see langword="null"/> for <c>AddEntraActions</c>'s own), for audit events and telemetry.</summary>
/// <param name="Name">The connection's name.</param>
internal sealed record CurrentConnection(string? Name)
{
    /// <summary>The services registered by <c>AddEntraActions</c> directly, outside any named connection.</summary>
    public static CurrentConnection Unnamed { get; } = new((string?)null);
}
