namespace Entra.Actions.Directory.Internal;

/// <summary>The tenant as <c>GET /organization</c> describes it.</summary>
/// <param name="Id">The tenant id.</param>
/// <param name="DisplayName">The organization's display name.</param>
/// <param name="VerifiedDomains">The verified domain names, default domain first.</param>
internal sealed record EntraOrganization(string Id, string? DisplayName, IReadOnlyList<string> VerifiedDomains);
