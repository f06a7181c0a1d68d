using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Connections.Internal;

/// <summary>A connection's <see cref="IEntraActionInvoker"/>: stays valid across idle drops by running each call on the connection's current services.</summary>
internal sealed class ConnectionInvoker(ConnectionLifetime lifetime) : IEntraActionInvoker
{
    public Task<EntraInvocationResult> InvokeAsync(string actionId, JsonObject inputs, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => s.GetRequiredService<IEntraActionInvoker>().InvokeAsync(actionId, inputs, cancellationToken));

    /// <inheritdoc />
    public override string ToString() => $"IEntraActionInvoker {{ Connection = {lifetime.Name} }}";
}
