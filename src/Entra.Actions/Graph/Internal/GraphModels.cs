using System.Collections.ObjectModel;
using System.Text.Json;
using Entra.Actions.Models.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>Turns Graph's wire shapes into the library's models, and builds the <c>$select</c> lists.</summary>
internal static class GraphModels
{
    /// <summary>
    /// Every property the models carry is one of Graph's defaults, so a plain GET returns them all and costs the same as a
    /// <c>$select</c>. <c>$select</c> is sent only with extra properties, and then it must name the defaults too, because
    /// it replaces the default set. The lists live with the property-name rules.
    /// </summary>
    public static readonly string DefaultUserSelect = string.Join(',', PropertyNameValidator.DefaultUserProperties);

    public static readonly string DefaultGroupSelect = string.Join(',', PropertyNameValidator.DefaultGroupProperties);

    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary><c>?$select=</c> the defaults and the extras (validated names), or nothing when there are no extras.</summary>
    public static string SelectQuery(string defaults, IReadOnlyCollection<string> extra) =>
        extra.Count == 0 ? string.Empty : "?$select=" + defaults + "," + string.Join(',', extra);

    public static EntraUser ToUser(UserWire user, IReadOnlyCollection<string> extra) => new()
    {
        Id = user.Id!,
        DisplayName = user.DisplayName,
        GivenName = user.GivenName,
        Surname = user.Surname,
        Mail = user.Mail,
        UserPrincipalName = user.UserPrincipalName,
        JobTitle = user.JobTitle,
        AdditionalProperties = Extras(user.Extra, extra),
    };

    public static EntraGroup ToGroup(GroupWire group, IReadOnlyCollection<string> extra) => new()
    {
        Id = group.Id!,
        DisplayName = group.DisplayName,
        Description = group.Description,
        Mail = group.Mail,
        MailNickname = group.MailNickname,
        MailEnabled = group.MailEnabled ?? false,
        SecurityEnabled = group.SecurityEnabled ?? false,
        GroupTypes = group.GroupTypes is { } types ? types.AsReadOnly() : [],
        Visibility = group.Visibility,
        CreatedDateTime = group.CreatedDateTime,
        IsAssignableToRole = group.IsAssignableToRole ?? false,
        OnPremisesSyncEnabled = group.OnPremisesSyncEnabled,
        MembershipRule = group.MembershipRule,
        AdditionalProperties = Extras(group.Extra, extra),
    };

    /// <summary>The requested extra properties as Graph sent them (names match case-insensitively); absent ones are JSON null.</summary>
    private static IReadOnlyDictionary<string, JsonElement> Extras(Dictionary<string, JsonElement>? sent, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return EmptyProperties.Instance;
        }

        var values = new Dictionary<string, JsonElement>(names.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            values[name] = Find(sent, name) ?? NullElement;
        }

        return new ReadOnlyDictionary<string, JsonElement>(values);
    }

    private static JsonElement? Find(Dictionary<string, JsonElement>? sent, string name)
    {
        if (sent is null)
        {
            return null;
        }

        if (sent.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in sent)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
