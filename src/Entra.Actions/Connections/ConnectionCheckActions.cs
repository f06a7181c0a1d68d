namespace Entra.Actions.Connections;

/// <summary>The actions whose permissions the connection check assesses, from each action class's own metadata.</summary>
internal static class ConnectionCheckActions
{
    // New actions (the bulk ones, once they carry metadata) are added here; or replace the list with the action catalog.
    public static IReadOnlyList<EntraActionMetadata> All { get; } =
    [
        LookupUserAction.Metadata,
        LookupGroupAction.Metadata,
        AddUserToGroupAction.Metadata,
        RemoveMemberFromGroupAction.Metadata,
    ];
}
