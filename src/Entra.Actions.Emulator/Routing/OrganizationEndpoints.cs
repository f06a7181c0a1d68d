using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>The service root (<c>GET /v1.0/</c>) and <c>/organization</c>.</summary>
internal static class OrganizationEndpoints
{
    private static readonly string[] EntitySets = ["directoryObjects", "groups", "organization", "users"];

    public static EmulatorResponse ServiceRoot(RequestContext ctx) => GraphErrors.Json(200, new JsonObject
    {
        ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata",
        ["value"] = new JsonArray(
            [.. EntitySets.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["kind"] = "EntitySet", ["url"] = n })]),
    });

    public static EmulatorResponse Organization(RequestContext ctx)
    {
        if (!ctx.Principal.HasAny(GraphPermissions.OrganizationRead))
        {
            return GraphErrors.Denied(ctx);
        }

        var org = ctx.Directory.Organization;
        var initial = org.VerifiedDomains.LastOrDefault(d => d.EndsWith(".onmicrosoft.com", StringComparison.OrdinalIgnoreCase));
        var domains = new JsonArray();
        for (var i = 0; i < org.VerifiedDomains.Count; i++)
        {
            var name = org.VerifiedDomains[i];
            domains.Add(new JsonObject
            {
                ["capabilities"] = "Email, OfficeCommunicationsOnline",
                ["isDefault"] = i == 0,
                ["isInitial"] = string.Equals(name, initial, StringComparison.OrdinalIgnoreCase),
                ["name"] = name,
                ["type"] = "Managed",
            });
        }

        return GraphErrors.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{GraphJson.MetadataBase}organization",
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = org.Id.ToString(),
                ["deletedDateTime"] = null,
                ["businessPhones"] = new JsonArray(),
                ["city"] = null,
                ["country"] = null,
                ["countryLetterCode"] = org.CountryLetterCode,
                ["createdDateTime"] = org.CreatedDateTime is { } created ? GraphJson.Date(created) : null,
                ["displayName"] = org.DisplayName,
                ["onPremisesLastSyncDateTime"] = null,
                ["onPremisesSyncEnabled"] = null,
                ["preferredLanguage"] = "en",
                ["tenantType"] = "AAD",
                ["technicalNotificationMails"] = new JsonArray(),
                ["verifiedDomains"] = domains,
            }),
        });
    }
}
