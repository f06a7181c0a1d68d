namespace Entra.Actions;

/// <summary>The type of a directory object, read from Graph's <c>@odata.type</c>.</summary>
public enum EntraObjectType
{
    /// <summary>A type this library does not name (Graph may add more).</summary>
    Unknown = 0,

    /// <summary>A user (<c>#microsoft.graph.user</c>).</summary>
    User = 1,

    /// <summary>A group (<c>#microsoft.graph.group</c>), for example one nested in another.</summary>
    Group = 2,

    /// <summary>A device (<c>#microsoft.graph.device</c>).</summary>
    Device = 3,

    /// <summary>A service principal (<c>#microsoft.graph.servicePrincipal</c>).</summary>
    ServicePrincipal = 4,

    /// <summary>An organizational contact (<c>#microsoft.graph.orgContact</c>).</summary>
    Contact = 5,
}
