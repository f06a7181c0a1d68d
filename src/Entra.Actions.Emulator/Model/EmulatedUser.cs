namespace Entra.Actions.Emulator;

/// <summary>
/// A user object in the emulated directory. Immutable: change a user with a <c>with</c> expression and
/// <see cref="EmulatedDirectory.AddOrReplaceUser(EmulatedUser)"/>.
/// </summary>
/// <remarks>
/// Property names follow the Microsoft Graph <c>user</c> resource, so a seed JSON file uses the same names as Graph.
/// </remarks>
public sealed record EmulatedUser
{
    /// <summary>Gets the object id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the user principal name (guests use the <c>alias_domain#EXT#@tenant</c> form). Matched case-insensitively.</summary>
    public required string UserPrincipalName { get; init; }

    /// <summary>Gets the given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>Gets the surname.</summary>
    public string? Surname { get; init; }

    /// <summary>Gets the primary SMTP address.</summary>
    public string? Mail { get; init; }

    /// <summary>Gets the job title (a default property in Graph v1.0).</summary>
    public string? JobTitle { get; init; }

    /// <summary>Gets the mobile phone number.</summary>
    public string? MobilePhone { get; init; }

    /// <summary>Gets the office location.</summary>
    public string? OfficeLocation { get; init; }

    /// <summary>Gets the preferred language, for example <c>en-US</c>.</summary>
    public string? PreferredLanguage { get; init; }

    /// <summary>Gets the business phone numbers. Defaults to an empty list.</summary>
    public IReadOnlyList<string> BusinessPhones { get; init; } = [];

    /// <summary>Gets a value indicating whether the account can sign in. Defaults to <see langword="true"/>.</summary>
    public bool AccountEnabled { get; init; } = true;

    /// <summary>Gets the user type: <c>Member</c> (default) or <c>Guest</c>.</summary>
    public string UserType { get; init; } = "Member";

    /// <summary>Gets the department.</summary>
    public string? Department { get; init; }

    /// <summary>Gets the employee id.</summary>
    public string? EmployeeId { get; init; }

    /// <summary>Gets the company name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>Gets the city.</summary>
    public string? City { get; init; }

    /// <summary>Gets the country or region.</summary>
    public string? Country { get; init; }

    /// <summary>Gets the usage location (two-letter country code).</summary>
    public string? UsageLocation { get; init; }

    /// <summary>Gets the mail alias.</summary>
    public string? MailNickname { get; init; }

    /// <summary>Gets a value indicating whether the user is synchronized from on-premises Active Directory (<see langword="null"/> if never synced).</summary>
    public bool? OnPremisesSyncEnabled { get; init; }

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }
}
