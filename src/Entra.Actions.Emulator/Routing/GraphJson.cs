using System.Globalization;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Renders directory objects with Graph's property names, default property sets and <c>$select</c> narrowing.</summary>
internal static class GraphJson
{
    public const string MetadataBase = "https://graph.microsoft.com/v1.0/$metadata#";
    public const string UserType = "#microsoft.graph.user";
    public const string GroupType = "#microsoft.graph.group";
    public const string DirectoryRoleType = "#microsoft.graph.directoryRole";
    public const string AdministrativeUnitType = "#microsoft.graph.administrativeUnit";

    private static readonly (string Name, Func<EmulatedUser, JsonNode?> Get, bool Default)[] UserProperties =
    [
        ("businessPhones", u => Strings(u.BusinessPhones), true),
        ("displayName", u => u.DisplayName, true),
        ("givenName", u => u.GivenName, true),
        ("jobTitle", u => u.JobTitle, true),
        ("mail", u => u.Mail, true),
        ("mobilePhone", u => u.MobilePhone, true),
        ("officeLocation", u => u.OfficeLocation, true),
        ("preferredLanguage", u => u.PreferredLanguage, true),
        ("surname", u => u.Surname, true),
        ("userPrincipalName", u => u.UserPrincipalName, true),
        ("id", u => u.Id.ToString(), true),
        ("accountEnabled", u => u.AccountEnabled, false),
        ("userType", u => u.UserType, false),
        ("department", u => u.Department, false),
        ("employeeId", u => u.EmployeeId, false),
        ("companyName", u => u.CompanyName, false),
        ("city", u => u.City, false),
        ("country", u => u.Country, false),
        ("usageLocation", u => u.UsageLocation, false),
        ("mailNickname", u => u.MailNickname, false),
        ("onPremisesSyncEnabled", u => u.OnPremisesSyncEnabled, false),
        ("createdDateTime", u => Date(u.CreatedDateTime), false),
    ];

    private static readonly (string Name, Func<EmulatedGroup, JsonNode?> Get, bool Default)[] GroupProperties =
    [
        ("id", g => g.Id.ToString(), true),
        ("deletedDateTime", _ => null, true),
        ("classification", g => g.Classification, true),
        ("createdDateTime", g => Date(g.CreatedDateTime), true),
        ("description", g => g.Description, true),
        ("displayName", g => g.DisplayName, true),
        ("expirationDateTime", _ => null, true),
        ("groupTypes", g => Strings(g.GroupTypes), true),
        ("isAssignableToRole", g => g.IsAssignableToRole, true),
        ("mail", g => g.Mail, true),
        ("mailEnabled", g => g.MailEnabled, true),
        ("mailNickname", g => g.MailNickname, true),
        ("membershipRule", g => g.MembershipRule, true),
        ("membershipRuleProcessingState", g => g.MembershipRuleProcessingState, true),
        ("onPremisesDomainName", g => g.OnPremisesDomainName, true),
        ("onPremisesLastSyncDateTime", g => Date(g.OnPremisesLastSyncDateTime), true),
        ("onPremisesNetBiosName", _ => null, true),
        ("onPremisesSamAccountName", g => g.OnPremisesSamAccountName, true),
        ("onPremisesSecurityIdentifier", _ => null, true),
        ("onPremisesSyncEnabled", g => g.OnPremisesSyncEnabled, true),
        ("preferredDataLocation", _ => null, true),
        ("preferredLanguage", _ => null, true),
        ("proxyAddresses", g => Strings(g.ProxyAddresses), true),
        ("renewedDateTime", g => Date(g.RenewedDateTime), true),
        ("resourceBehaviorOptions", _ => new JsonArray(), true),
        ("resourceProvisioningOptions", g => Strings(g.ResourceProvisioningOptions), true),
        ("securityEnabled", g => g.SecurityEnabled, true),
        ("securityIdentifier", g => g.SecurityIdentifier, true),
        ("theme", _ => null, true),
        ("visibility", g => g.Visibility, true),
        ("onPremisesProvisioningErrors", _ => new JsonArray(), true),
    ];

    private static readonly (string Name, Func<EmulatedDirectoryRole, JsonNode?> Get, bool Default)[] DirectoryRoleProperties =
    [
        ("id", r => r.Id.ToString(), true),
        ("deletedDateTime", _ => null, true),
        ("description", r => r.Description, true),
        ("displayName", r => r.DisplayName, true),
        ("roleTemplateId", r => r.RoleTemplateId, true),
    ];

    private static readonly (string Name, Func<EmulatedAdministrativeUnit, JsonNode?> Get, bool Default)[] AdministrativeUnitProperties =
    [
        ("id", u => u.Id.ToString(), true),
        ("deletedDateTime", _ => null, true),
        ("displayName", u => u.DisplayName, true),
        ("description", u => u.Description, true),
        ("isMemberManagementRestricted", _ => null, true),
        ("visibility", u => u.Visibility, true),
        ("membershipRule", _ => null, true),
        ("membershipType", _ => null, true),
        ("membershipRuleProcessingState", _ => null, true),
    ];

    /// <summary>Every v1.0 <c>user</c> property name (Microsoft Graph v1.0 user resource). Those not in <see cref="UserProperties"/> are not
    /// modelled and come back as <see langword="null"/> when selected.</summary>
    private static readonly string[] KnownUserProperties =
    [
        "aboutMe", "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans", "authorizationInfo", "birthday", "businessPhones", "city",
        "companyName", "consentProvidedForMinor", "country", "createdDateTime", "creationType", "customSecurityAttributes", "deletedDateTime",
        "department", "displayName", "employeeHireDate", "employeeId", "employeeLeaveDateTime", "employeeOrgData", "employeeType",
        "externalUserState", "externalUserStateChangeDateTime", "faxNumber", "givenName", "hireDate", "id", "identities", "imAddresses",
        "interests", "isManagementRestricted", "isResourceAccount", "jobTitle", "lastPasswordChangeDateTime", "legalAgeGroupClassification",
        "licenseAssignmentStates", "mail", "mailboxSettings", "mailNickname", "mobilePhone", "mySite", "officeLocation",
        "onPremisesDistinguishedName", "onPremisesDomainName", "onPremisesExtensionAttributes", "onPremisesImmutableId",
        "onPremisesLastSyncDateTime", "onPremisesProvisioningErrors", "onPremisesSamAccountName", "onPremisesSecurityIdentifier",
        "onPremisesSyncEnabled", "onPremisesUserPrincipalName", "otherMails", "passwordPolicies", "passwordProfile", "pastProjects",
        "postalCode", "preferredDataLocation", "preferredLanguage", "preferredName", "print", "provisionedPlans", "proxyAddresses",
        "responsibilities", "schools", "securityIdentifier", "serviceProvisioningErrors", "showInAddressList", "signInActivity",
        "signInSessionsValidFromDateTime", "skills", "state", "streetAddress", "surname", "usageLocation", "userPrincipalName", "userType",
    ];

    /// <summary>Every selectable v1.0 <c>group</c> property name. Those not in <see cref="GroupProperties"/> come back as <see langword="null"/>.</summary>
    private static readonly string[] KnownGroupProperties =
    [
        "allowExternalSenders", "assignedLabels", "assignedLicenses", "autoSubscribeNewMembers", "classification", "createdDateTime",
        "deletedDateTime", "description", "displayName", "expirationDateTime", "groupTypes", "hideFromAddressLists", "hideFromOutlookClients",
        "id", "isAssignableToRole", "isManagementRestricted", "isSubscribedByMail", "licenseProcessingState", "mail", "mailEnabled",
        "mailNickname", "membershipRule", "membershipRuleProcessingState", "onPremisesDomainName", "onPremisesLastSyncDateTime",
        "onPremisesNetBiosName", "onPremisesProvisioningErrors", "onPremisesSamAccountName", "onPremisesSecurityIdentifier",
        "onPremisesSyncEnabled", "preferredDataLocation", "preferredLanguage", "proxyAddresses", "renewedDateTime", "resourceBehaviorOptions",
        "resourceProvisioningOptions", "securityEnabled", "securityIdentifier", "serviceProvisioningErrors", "theme", "uniqueName",
        "unseenCount", "visibility",
    ];

    private static readonly string[] KnownDirectoryRoleProperties = ["deletedDateTime", "description", "displayName", "id", "roleTemplateId"];

    private static readonly string[] KnownAdministrativeUnitProperties =
    [
        "deletedDateTime", "description", "displayName", "id", "isMemberManagementRestricted", "membershipRule", "membershipRuleProcessingState",
        "membershipType", "visibility",
    ];

    /// <summary>Group properties that exist but cannot be <c>$select</c>ed.</summary>
    private static readonly string[] UnselectableGroupProperties = ["hasMembersWithLicenseErrors", "isArchived"];

    public enum Scope
    {
        User,
        Group,
        DirectoryRole,
        AdministrativeUnit,
        DirectoryObject,
    }

    /// <summary>Resolves <c>$select</c> to canonical property names, or returns the first name that is unknown for the type
    /// (<paramref name="unselectable"/> tells a real but unselectable property apart).</summary>
    public static bool TryResolveSelect(IReadOnlyList<string>? select, Scope scope, out List<string>? resolved, out string? unknown, out bool unselectable)
    {
        resolved = null;
        unknown = null;
        unselectable = false;
        if (select is null)
        {
            return true;
        }

        var known = scope switch
        {
            Scope.User => KnownUserProperties,
            Scope.Group => KnownGroupProperties,
            Scope.DirectoryRole => KnownDirectoryRoleProperties,
            Scope.AdministrativeUnit => KnownAdministrativeUnitProperties,
            _ => [.. KnownUserProperties, .. KnownGroupProperties, .. KnownDirectoryRoleProperties, .. KnownAdministrativeUnitProperties],
        };
        resolved = [];
        foreach (var name in select)
        {
            var match = Array.Find(known, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                unknown = name;
                unselectable = (scope is Scope.Group or Scope.DirectoryObject) && UnselectableGroupProperties.Contains(name, StringComparer.OrdinalIgnoreCase);
                return false;
            }

            if (!resolved.Contains(match))
            {
                resolved.Add(match);
            }
        }

        return true;
    }

    public static string EntityContext(string set, List<string>? select) =>
        select is null ? $"{MetadataBase}{set}/$entity" : $"{MetadataBase}{set}({string.Join(',', select)})/$entity";

    public static string CollectionContext(string set, List<string>? select) =>
        select is null ? $"{MetadataBase}{set}" : $"{MetadataBase}{set}({string.Join(',', select)})";

    public static JsonObject User(EmulatedUser user, List<string>? select, bool withType = false, bool limited = false) =>
        Render(user, user.Id, withType ? UserType : null, UserProperties, KnownUserProperties, select, limited);

    public static JsonObject Group(EmulatedGroup group, List<string>? select, bool withType = false, bool limited = false) =>
        Render(group, group.Id, withType ? GroupType : null, GroupProperties, KnownGroupProperties, select, limited);

    public static JsonObject DirectoryRole(EmulatedDirectoryRole role, List<string>? select, bool limited = false) =>
        Render(role, role.Id, DirectoryRoleType, DirectoryRoleProperties, KnownDirectoryRoleProperties, select, limited);

    public static JsonObject AdministrativeUnit(EmulatedAdministrativeUnit unit, List<string>? select, bool limited = false) =>
        Render(unit, unit.Id, AdministrativeUnitType, AdministrativeUnitProperties, KnownAdministrativeUnitProperties, select, limited);

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonNode? Date(DateTimeOffset? value) => value is null ? null : Date(value.Value);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    /// <summary>Renders <paramref name="entity"/> with its default properties, or the selected ones; <paramref name="limited"/> nulls all but the id.</summary>
    private static JsonObject Render<T>(
        T entity, Guid id, string? odataType, (string Name, Func<T, JsonNode?> Get, bool Default)[] table, string[] known, List<string>? select, bool limited)
    {
        var json = new JsonObject();
        if (odataType is not null)
        {
            json["@odata.type"] = odataType;
        }

        if (select is null)
        {
            foreach (var (name, get, isDefault) in table)
            {
                if (isDefault)
                {
                    json[name] = limited && name != "id" ? null : get(entity);
                }
            }

            return json;
        }

        foreach (var name in select)
        {
            var property = Array.Find(table, p => p.Name == name);
            if (property.Get is not null)
            {
                json[name] = limited && name != "id" ? null : property.Get(entity);
            }
            else if (known.Contains(name))
            {
                // A real property of this type that the emulator does not model.
                json[name] = null;
            }
        }

        if (!json.ContainsKey("id"))
        {
            json["id"] = id.ToString();
        }

        return json;
    }
}
