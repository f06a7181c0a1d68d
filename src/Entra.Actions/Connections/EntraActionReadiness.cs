namespace Entra.Actions;

/// <summary>Whether a connection's permissions allow one action.</summary>
public sealed class EntraActionReadiness
{
    /// <summary>The action id (for example <c>entra.add_user_to_group</c>).</summary>
    public required string ActionId { get; init; }

    /// <summary>The action's display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Whether every permission the action needs is granted (directly or by a broader permission).</summary>
    /// <remarks>For a delegated connection Graph also checks the person's directory role or group ownership, which a token alone cannot show.</remarks>
    public bool CanRun => MissingPermissions.Count == 0;

    /// <summary>The least-privileged permissions the action needs under the connection's permission model.</summary>
    public required IReadOnlyList<string> RequiredPermissions { get; init; }

    /// <summary>The required permissions not granted (empty when the action can run).</summary>
    public required IReadOnlyList<string> MissingPermissions { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        CanRun ? $"{ActionId}: can run" : $"{ActionId}: missing {string.Join(", ", MissingPermissions)}";
}
