namespace Entra.Actions.Emulator;

/// <summary>The tenant (Graph <c>organization</c> resource) of an emulated directory.</summary>
public sealed record EmulatedOrganization
{
    /// <summary>Gets the tenant id (also the <c>tid</c> claim tokens must carry).</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the tenant display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the verified domain names; the first is the default domain. The last <c>*.onmicrosoft.com</c> one is the initial domain.</summary>
    public IReadOnlyList<string> VerifiedDomains { get; init; } = [];

    /// <summary>Gets the two-letter country code.</summary>
    public string? CountryLetterCode { get; init; }

    /// <summary>Gets the creation time.</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }
}
