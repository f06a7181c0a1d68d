namespace Entra.Actions.Directory.Internal;

/// <summary>
/// The Graph read the connection check needs beyond <see cref="IEntraDirectory"/> (kept off that public interface so hosts'
/// implementations do not break). Implemented by the Graph directory; never throws for directory or service outcomes.
/// </summary>
internal interface IOrganizationReader
{
    /// <summary>Reads the tenant (<c>GET /organization?$select=id,displayName,verifiedDomains</c>).</summary>
    Task<EntraActionResult<EntraOrganization>> GetOrganizationAsync(CancellationToken cancellationToken);
}
