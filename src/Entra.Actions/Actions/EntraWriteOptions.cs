namespace Entra.Actions;

/// <summary>How a single membership change runs (Add user to group, Remove member from group).</summary>
public sealed record EntraWriteOptions
{
    /// <summary>The defaults: a real write.</summary>
    public static EntraWriteOptions Default { get; } = new();

    /// <summary>A dry run: the same reads and checks (ids, group kind, policy, a write permission in the token) and the
    /// outcome the change would have, with no write sent. Default <see langword="false"/>.</summary>
    public bool DryRun { get; init; }
}
