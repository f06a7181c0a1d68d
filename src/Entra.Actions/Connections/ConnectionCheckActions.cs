namespace Entra.Actions.Connections;

/// <summary>The actions whose permissions the connection check assesses, from each action class's own descriptor.</summary>
internal static class ConnectionCheckActions
{
    // The catalog's one list of actions (Catalog/ActionRegistry), so the check assesses exactly what the catalog offers.
    public static IReadOnlyList<EntraActionDescriptor> All => ActionRegistry.All;
}
