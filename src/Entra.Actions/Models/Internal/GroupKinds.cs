namespace Entra.Actions.Models.Internal;

/// <summary>How a group's kind is derived from <c>groupTypes</c>, <c>mailEnabled</c> and <c>securityEnabled</c>, as Graph's groups overview defines it.</summary>
internal static class GroupKinds
{
    /// <summary>The kind of a group with these flags.</summary>
    /// <param name="groupTypes">Graph's <c>groupTypes</c>.</param>
    /// <param name="mailEnabled">Whether the group is mail-enabled.</param>
    /// <param name="securityEnabled">Whether the group is security-enabled.</param>
    /// <returns>The kind.</returns>
    public static EntraGroupKind Of(IEnumerable<string> groupTypes, bool mailEnabled, bool securityEnabled) =>
        GraphGroupTypes.IsUnified(groupTypes) ? EntraGroupKind.Microsoft365
        : (mailEnabled, securityEnabled) switch
        {
            (false, true) => EntraGroupKind.Security,
            (true, true) => EntraGroupKind.MailEnabledSecurity,
            (true, false) => EntraGroupKind.Distribution,
            _ => EntraGroupKind.Unknown,
        };
}
