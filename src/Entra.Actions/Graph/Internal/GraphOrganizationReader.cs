using Entra.Actions.Directory.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>The organization read of the connection check: <c>GET /organization?$select=id,displayName,verifiedDomains</c>.</summary>
internal sealed class GraphOrganizationReader : IOrganizationReader
{
    private readonly GraphCaller _caller;

    public GraphOrganizationReader(GraphCaller caller)
    {
        _caller = caller;
    }

    public Task<EntraActionResult<EntraOrganization>> GetOrganizationAsync(CancellationToken cancellationToken) =>
        _caller.SendAsync(
            HttpMethod.Get,
            _caller.Transport.Url("/organization?$select=id,displayName,verifiedDomains"),
            content: null,
            GraphJsonContext.Default.OrganizationPageWire,
            static response =>
            {
                if (response?.Value is not [{ Id: { } id } organization, ..])
                {
                    return GraphCaller.Malformed<EntraOrganization>("organization");
                }

                var domains = (organization.VerifiedDomains ?? [])
                    .Where(domain => !string.IsNullOrEmpty(domain.Name))
                    .OrderByDescending(domain => domain.IsDefault == true)
                    .Select(domain => domain.Name!)
                    .ToList();
                return EntraActionResult.Success(new EntraOrganization(id, organization.DisplayName, domains));
            },
            cancellationToken);
}
