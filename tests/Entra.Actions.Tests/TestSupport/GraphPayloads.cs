using System.Text.Json;

namespace Entra.Actions.Tests.TestSupport;

/// <summary>Documented Graph payloads, as Graph's reference pages show them.</summary>
public static class GraphPayloads
{
    public const string AdeleId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    public const string HrTaskforceId = "02bd9fd6-8f93-4758-87c3-1fb73740a315";
    public const string RequestId = "94fb3b52-452a-4535-a601-69e0a90e3aa2";

    public const string Adele = """
        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity",
         "businessPhones":["+1 425 555 0109"],"displayName":"Adele Vance","givenName":"Adele","jobTitle":"Retail Manager",
         "mail":"AdeleV@contoso.com","mobilePhone":"+1 425 555 0109","officeLocation":"18/2111","preferredLanguage":"en-US",
         "surname":"Vance","userPrincipalName":"AdeleV@contoso.com","id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd"}
        """;

    public const string HrTaskforce = """
        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#groups/$entity",
         "id":"02bd9fd6-8f93-4758-87c3-1fb73740a315","deletedDateTime":null,"classification":null,
         "createdDateTime":"2017-07-31T18:56:16Z","description":"Welcome to the HR Taskforce team.","displayName":"HR Taskforce",
         "expirationDateTime":null,"groupTypes":["Unified"],"isAssignableToRole":null,"mail":"HRTaskforce@M365x214355.onmicrosoft.com",
         "mailEnabled":true,"mailNickname":"HRTaskforce","membershipRule":null,"membershipRuleProcessingState":null,
         "onPremisesDomainName":null,"onPremisesLastSyncDateTime":null,"onPremisesNetBiosName":null,"onPremisesSamAccountName":null,
         "onPremisesSecurityIdentifier":null,"onPremisesSyncEnabled":null,"preferredDataLocation":null,"preferredLanguage":null,
         "proxyAddresses":["SMTP:HRTaskforce@M365x214355.onmicrosoft.com"],"renewedDateTime":"2020-01-24T19:01:14Z",
         "resourceBehaviorOptions":[],"resourceProvisioningOptions":["Team"],"securityEnabled":false,
         "securityIdentifier":"S-1-12-1-45981654-1196986259-3072312199-363020343","theme":null,"visibility":"Private",
         "onPremisesProvisioningErrors":[]}
        """;

    public const string AlreadyExistsMessage = "One or more added object references already exist for the following modified properties: 'members'.";
    public const string InsufficientPrivileges = "Insufficient privileges to complete the operation.";

    public static string Group(string id, string[] groupTypes, bool mailEnabled, bool securityEnabled, bool? onPremisesSyncEnabled = null, bool? isAssignableToRole = null, string? membershipRule = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#groups/$entity",
            ["id"] = id,
            ["displayName"] = "Test group",
            ["description"] = null,
            ["groupTypes"] = groupTypes,
            ["mailEnabled"] = mailEnabled,
            ["securityEnabled"] = securityEnabled,
            ["onPremisesSyncEnabled"] = onPremisesSyncEnabled,
            ["isAssignableToRole"] = isAssignableToRole,
            ["membershipRule"] = membershipRule,
        });

    public static string User(string id) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["id"] = id, ["displayName"] = "Test user", ["userPrincipalName"] = $"user-{id[..8]}@contoso.com" });

    public static string SecurityGroup(string id) => Group(id, [], mailEnabled: false, securityEnabled: true);

    public static string Error(string code, string message, string requestId = RequestId) =>
        JsonSerializer.Serialize(new
        {
            error = new
            {
                code,
                message,
                innerError = new Dictionary<string, string>
                {
                    ["date"] = "2025-02-13T10:17:06",
                    ["request-id"] = requestId,
                    ["client-request-id"] = "e70c5c1b-0000-4000-8000-000000000001",
                },
            },
        });

    public static string NotFound(string id) => Error("Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    public const string Throttled = """
        {"error":{"code":"TooManyRequests","innerError":{"code":"429","date":"2020-08-18T12:51:51","message":"Please retry after",
         "request-id":"94fb3b52-452a-4535-a601-69e0a90e3aa2","status":"429"},"message":"Please retry again later."}}
        """;
}
