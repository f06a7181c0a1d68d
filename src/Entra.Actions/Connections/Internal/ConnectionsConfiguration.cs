using Microsoft.Extensions.Configuration;

namespace Entra.Actions.Connections.Internal;

/// <summary>Where named connections are configured: the <c>Connections</c> child of the section <c>AddEntraActions</c>/<c>AddEntraConnections</c> bound.</summary>
/// <param name="Section">The <c>EntraActions:Connections</c> section.</param>
internal sealed record ConnectionsConfiguration(IConfigurationSection Section);
