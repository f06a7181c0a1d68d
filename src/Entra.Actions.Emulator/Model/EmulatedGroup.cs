using Entra.Actions.Models.Internal;

namespace Entra.Actions.Emulator;

/// <summary>
/// A group in the emulated directory. The group's kind is derived from <see cref="GroupTypes"/>,
/// <see cref="MailEnabled"/>, <see cref="SecurityEnabled"/>, <see cref="OnPremisesSyncEnabled"/> and
/// <see cref="IsAssignableToRole"/> exactly as in Graph; the factory methods create one group of each kind.
/// </summary>
/// <remarks>
/// Membership is not part of the group: it lives in <see cref="EmulatedDirectory"/> (<see cref="EmulatedDirectory.AddMember(Guid, Guid)"/>).
/// Property names follow the Microsoft Graph <c>group</c> resource.
/// </remarks>
public sealed record EmulatedGroup
{
    /// <summary>The <c>groupTypes</c> value of a Microsoft 365 group.</summary>
    public const string UnifiedGroupType = GraphGroupTypes.Unified;

    /// <summary>The <c>groupTypes</c> value of a dynamic-membership group.</summary>
    public const string DynamicMembershipGroupType = GraphGroupTypes.DynamicMembership;

    /// <summary>Gets the object id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the SMTP address (mail-enabled groups only).</summary>
    public string? Mail { get; init; }

    /// <summary>Gets the mail alias.</summary>
    public string? MailNickname { get; init; }

    /// <summary>Gets a value indicating whether the group is mail-enabled.</summary>
    public bool MailEnabled { get; init; }

    /// <summary>Gets a value indicating whether the group is a security group.</summary>
    public bool SecurityEnabled { get; init; }

    /// <summary>Gets the group types (<c>Unified</c>, <c>DynamicMembership</c>). Defaults to an empty list.</summary>
    public IReadOnlyList<string> GroupTypes { get; init; } = [];

    /// <summary>Gets the dynamic membership rule, for dynamic groups.</summary>
    public string? MembershipRule { get; init; }

    /// <summary>Gets the processing state of the dynamic rule (<c>On</c> or <c>Paused</c>), for dynamic groups.</summary>
    public string? MembershipRuleProcessingState { get; init; }

    /// <summary>Gets a value indicating whether the group can be assigned to a Microsoft Entra role (<see langword="null"/> when unset).</summary>
    public bool? IsAssignableToRole { get; init; }

    /// <summary>Gets a value indicating whether the group is synchronized from on-premises (<see langword="null"/> if never synced).</summary>
    public bool? OnPremisesSyncEnabled { get; init; }

    /// <summary>Gets the visibility (<c>Public</c>, <c>Private</c>, <c>HiddenMembership</c>), Microsoft 365 groups only.</summary>
    public string? Visibility { get; init; }

    /// <summary>Gets the classification.</summary>
    public string? Classification { get; init; }

    /// <summary>Gets the proxy addresses. Defaults to an empty list.</summary>
    public IReadOnlyList<string> ProxyAddresses { get; init; } = [];

    /// <summary>Gets the resource provisioning options (for example <c>Team</c>). Defaults to an empty list.</summary>
    public IReadOnlyList<string> ResourceProvisioningOptions { get; init; } = [];

    /// <summary>Gets the security identifier.</summary>
    public string? SecurityIdentifier { get; init; }

    /// <summary>Gets the on-premises SAM account name, for synced groups.</summary>
    public string? OnPremisesSamAccountName { get; init; }

    /// <summary>Gets the on-premises domain name, for synced groups.</summary>
    public string? OnPremisesDomainName { get; init; }

    /// <summary>Gets the last on-premises sync time, for synced groups.</summary>
    public DateTimeOffset? OnPremisesLastSyncDateTime { get; init; }

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>Gets the last renewal time (Microsoft 365 groups).</summary>
    public DateTimeOffset? RenewedDateTime { get; init; }

    /// <summary>Gets a value indicating whether this is a Microsoft 365 group (<c>Unified</c> in <see cref="GroupTypes"/>).</summary>
    public bool IsMicrosoft365 => GraphGroupTypes.IsUnified(GroupTypes);

    /// <summary>Gets a value indicating whether membership is rule-based (<c>DynamicMembership</c> in <see cref="GroupTypes"/>).</summary>
    public bool IsDynamic => GraphGroupTypes.IsDynamic(GroupTypes);

    /// <summary>Gets a value indicating whether this is a mail-enabled security group or a distribution list (read-only through Graph).</summary>
    public bool IsMailEnabledSecurityOrDistribution => !IsMicrosoft365 && MailEnabled;

    /// <summary>Creates an assigned security group.</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name.</param>
    /// <returns>The group.</returns>
    public static EmulatedGroup CreateSecurity(Guid id, string displayName) => new()
    {
        Id = id,
        DisplayName = displayName,
        MailNickname = Alias(displayName),
        SecurityEnabled = true,
    };

    /// <summary>Creates a Microsoft 365 group (<c>Unified</c>, mail-enabled, private).</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="domain">The mail domain, for example <c>contoso.com</c>.</param>
    /// <returns>The group.</returns>
    public static EmulatedGroup CreateMicrosoft365(Guid id, string displayName, string domain)
    {
        var alias = Alias(displayName);
        return new()
        {
            Id = id,
            DisplayName = displayName,
            GroupTypes = [UnifiedGroupType],
            MailEnabled = true,
            MailNickname = alias,
            Mail = $"{alias}@{domain}",
            ProxyAddresses = [$"SMTP:{alias}@{domain}"],
            Visibility = "Private",
        };
    }

    /// <summary>Creates a mail-enabled security group (read-only through Graph).</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="domain">The mail domain.</param>
    /// <returns>The group.</returns>
    public static EmulatedGroup CreateMailEnabledSecurity(Guid id, string displayName, string domain) =>
        CreateDistributionList(id, displayName, domain) with { SecurityEnabled = true };

    /// <summary>Creates a distribution list (read-only through Graph).</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="domain">The mail domain.</param>
    /// <returns>The group.</returns>
    public static EmulatedGroup CreateDistributionList(Guid id, string displayName, string domain)
    {
        var alias = Alias(displayName);
        return new()
        {
            Id = id,
            DisplayName = displayName,
            MailEnabled = true,
            MailNickname = alias,
            Mail = $"{alias}@{domain}",
            ProxyAddresses = [$"SMTP:{alias}@{domain}"],
        };
    }

    /// <summary>Creates a dynamic-membership security group.</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="membershipRule">The rule, for example <c>(user.department -eq "Retail")</c>.</param>
    /// <returns>The group.</returns>
    public static EmulatedGroup CreateDynamic(Guid id, string displayName, string membershipRule) =>
        CreateSecurity(id, displayName) with
        {
            GroupTypes = [DynamicMembershipGroupType],
            MembershipRule = membershipRule,
            MembershipRuleProcessingState = "On",
        };

    /// <summary>Creates a security group synchronized from on-premises Active Directory.</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="onPremisesDomainName">The on-premises domain, for example <c>corp.contoso.com</c>.</param>
    /// <returns>The group.</returns>
    public static EmulatedGroup CreateOnPremisesSynced(Guid id, string displayName, string onPremisesDomainName) =>
        CreateSecurity(id, displayName) with
        {
            OnPremisesSyncEnabled = true,
            OnPremisesDomainName = onPremisesDomainName,
            OnPremisesSamAccountName = Alias(displayName),
        };

    /// <summary>Creates a role-assignable security group.</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name.</param>
    /// <returns>The group.</returns>
    public static EmulatedGroup CreateRoleAssignable(Guid id, string displayName) =>
        CreateSecurity(id, displayName) with { IsAssignableToRole = true };

    private static string Alias(string displayName) =>
        new([.. (displayName ?? string.Empty).Where(char.IsAsciiLetterOrDigit)]);
}
