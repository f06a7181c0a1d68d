using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Connections.Internal;

/// <summary>A connection's <see cref="IEntraActionCatalog"/>: stays valid across idle drops by reading the catalog of the connection's current services.</summary>
internal sealed class ConnectionCatalog(ConnectionLifetime lifetime) : IEntraActionCatalog
{
    public IReadOnlyList<EntraActionDescriptor> Actions => lifetime.Run(s => Catalog(s).Actions);

    public EntraActionDescriptor? Find(string actionId) => lifetime.Run(s => Catalog(s).Find(actionId));

    /// <inheritdoc />
    public override string ToString() => $"IEntraActionCatalog {{ Connection = {lifetime.Name} }}";

    private static IEntraActionCatalog Catalog(IServiceProvider services) => services.GetRequiredService<IEntraActionCatalog>();
}
