namespace Entra.Actions;

/// <summary>
/// The kind of a group, derived from <c>groupTypes</c>, <c>mailEnabled</c> and <c>securityEnabled</c>
/// as Graph's groups overview defines it.
/// </summary>
public enum EntraGroupKind
{
    /// <summary>The combination of flags matches no documented kind.</summary>
    Unknown = 0,

    /// <summary>A security group: not mail-enabled, security-enabled. Membership can be changed through Graph.</summary>
    Security = 1,

    /// <summary>A Microsoft 365 group (<c>groupTypes</c> contains <c>Unified</c>). Membership can be changed through Graph.</summary>
    Microsoft365 = 2,

    /// <summary>A mail-enabled security group. Read-only through Graph (managed in Exchange).</summary>
    MailEnabledSecurity = 3,

    /// <summary>A distribution list. Read-only through Graph (managed in Exchange).</summary>
    Distribution = 4,
}
