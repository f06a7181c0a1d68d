using Entra.Actions.Connections;

namespace Entra.Actions.Graph;

/// <summary>The organization read for the connection check.</summary>
internal sealed partial class GraphEntraDirectory : IOrganizationReader
{
    public Task<EntraActionResult<EntraOrganization>> GetOrganizationAsync(CancellationToken cancellationToken) =>
        CallAsync(
            async client =>
            {
                var response = await client.Organization
                    .GetAsync(request => request.QueryParameters.Select = ["id", "displayName", "verifiedDomains"], cancellationToken)
                    .ConfigureAwait(false);
                if (response?.Value is not [{ Id: { } id } organization, ..])
                {
                    return Malformed<EntraOrganization>("organization");
                }

                var domains = (organization.VerifiedDomains ?? [])
                    .Where(domain => !string.IsNullOrEmpty(domain.Name))
                    .OrderByDescending(domain => domain.IsDefault == true)
                    .Select(domain => domain.Name!)
                    .ToList();
                return EntraActionResult.Success(new EntraOrganization(id, organization.DisplayName, domains));
            },
            recover: null,
            cancellationToken);
}
