using Entra.Actions.Actions.Internal;
using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions;

/// <summary>
/// The Look up group action: reads a group by object id, with its derived kind and optional extra properties.
/// Thread-safe; register it as a singleton or scoped service.
/// </summary>
/// <remarks>Needs <c>GroupMember.Read.All</c> (or <c>Group.Read.All</c>), delegated or application.</remarks>
public sealed class LookupGroupAction
{
    private readonly IEntraDirectory _directory;
    private readonly ILogger<LookupGroupAction> _logger;
    private readonly string? _connectionName;

    /// <summary>Creates the action.</summary>
    /// <param name="directory">The directory to read from.</param>
    /// <param name="options">The library options (kept for a uniform constructor shape across actions).</param>
    /// <param name="logger">The logger.</param>
    public LookupGroupAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, ILogger<LookupGroupAction> logger)
        : this(directory, options, logger, CurrentConnection.Unnamed)
    {
    }

    internal LookupGroupAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, ILogger<LookupGroupAction> logger, CurrentConnection connection)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(connection);
        _directory = directory;
        _logger = logger;
        _connectionName = connection.Name;
    }

    /// <summary>The action's stable catalog id.</summary>
    internal const string ActionId = "entra.lookup_group";

    /// <summary>The outputs of a group read, shared by Look up group and Find group (the same model, <see cref="EntraGroup"/>).</summary>
    internal static readonly IReadOnlyList<EntraActionParameter> GroupOutputs =
    [
        new() { Name = "id", DisplayName = "Object ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
        new() { Name = "displayName", DisplayName = "Display name", TypeName = "string", Description = "The display name." },
        new() { Name = "description", DisplayName = "Description", TypeName = "string", Description = "The description." },
        new() { Name = "mail", DisplayName = "Email", TypeName = "string", Description = "The SMTP address of a mail-enabled group." },
        new() { Name = "mailNickname", DisplayName = "Mail alias", TypeName = "string", Description = "The mail alias." },
        new() { Name = "mailEnabled", DisplayName = "Mail-enabled", TypeName = "boolean", IsRequired = true, Description = "Whether the group is mail-enabled." },
        new() { Name = "securityEnabled", DisplayName = "Security-enabled", TypeName = "boolean", IsRequired = true, Description = "Whether the group is a security group." },
        new() { Name = "groupTypes", DisplayName = "Group types", TypeName = "string[]", IsRequired = true, Description = "Graph's groupTypes, for example Unified or DynamicMembership." },
        new() { Name = "visibility", DisplayName = "Visibility", TypeName = "string", Description = "Public, Private or HiddenMembership." },
        new() { Name = "createdDateTime", DisplayName = "Created", TypeName = "dateTime", Description = "When the group was created." },
        new() { Name = "isAssignableToRole", DisplayName = "Role-assignable", TypeName = "boolean", IsRequired = true, Description = "Whether Microsoft Entra roles can be assigned to the group." },
        new() { Name = "onPremisesSyncEnabled", DisplayName = "Synced from on-premises", TypeName = "boolean", Description = "True when the group is synchronized from on-premises Active Directory." },
        new() { Name = "membershipRule", DisplayName = "Membership rule", TypeName = "string", Description = "The rule of a dynamic group." },
        new() { Name = "kind", DisplayName = "Kind", TypeName = "string", IsRequired = true, Description = "Security, Microsoft365, MailEnabledSecurity, Distribution or Unknown." },
        new() { Name = "isDynamic", DisplayName = "Dynamic membership", TypeName = "boolean", IsRequired = true, Description = "Whether membership comes from a rule rather than being assigned." },
        new() { Name = "additionalProperties", DisplayName = "Extra properties", TypeName = "object", IsRequired = true, Description = "The requested extra properties by Graph name, as Graph returned them." },
    ];

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Single<LookupGroupInput, EntraGroup>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "Look up group",
            Description = "Reads a Microsoft Entra group by object id and returns its properties and kind (security, Microsoft 365, mail-enabled security, distribution; dynamic or assigned).",
            Inputs =
            [
                new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
                new() { Name = "additionalProperties", DisplayName = "Extra properties", TypeName = "string[]", IsRequired = false, Description = "Extra Graph group property names to return, for example classification (at most 50)." },
            ],
            Outputs = GroupOutputs,
            DelegatedPermissions = ["GroupMember.Read.All"],
            ApplicationPermissions = ["GroupMember.Read.All"],
            IsWrite = false,
        },
        (a, i, ct) => a.LookupGroupAsync(i.GroupId, i.AdditionalProperties, ct));

    /// <summary>Looks up a group.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group, or a failure: <see cref="EntraErrorKind.InvalidInput"/> (no request sent), <see cref="EntraErrorKind.NotFound"/>, <see cref="EntraErrorKind.Forbidden"/>, ...</returns>
    /// <remarks>Needs <c>GroupMember.Read.All</c> or <c>Group.Read.All</c>.</remarks>
    public Task<EntraActionResult<EntraGroup>> ExecuteAsync(string groupId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(groupId, null, cancellationToken);

    /// <summary>Looks up a group and also returns the named extra properties.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="additionalProperties">Extra Graph property names; duplicates and default properties are ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group with <see cref="EntraGroup.AdditionalProperties"/>, or a failure.</returns>
    /// <remarks>Needs <c>GroupMember.Read.All</c> or <c>Group.Read.All</c>.</remarks>
    public Task<EntraActionResult<EntraGroup>> ExecuteAsync(string groupId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ReadCall.RunAsync(ActionId, _connectionName, () => LookupAsync(groupId, additionalProperties, cancellationToken));
    }

    private async Task<EntraActionResult<EntraGroup>> LookupAsync(string groupId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var actionId = ActionId;
        Log.ActionStarted(_logger, actionId);

        if (!EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out var id, out var idError))
        {
            return ActionSupport.Reject<EntraGroup>(_logger, actionId, EntraIdValidator.GroupIdInput, idError);
        }

        if (!PropertyNameValidator.TryValidateGroupProperties(additionalProperties, out var properties, out var propertyError))
        {
            return ActionSupport.Reject<EntraGroup>(_logger, actionId, "additionalProperties", propertyError);
        }

        var result = await ActionSupport.CallDirectoryAsync(
            () => _directory.GetGroupAsync(id, properties, cancellationToken), _logger, actionId, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return ActionSupport.Fail<EntraGroup>(_logger, actionId, ActionMessages.ForRead(result.Error, $"Group '{id}'", "GroupMember.Read.All or Group.Read.All"));
        }

        Log.LookupSucceeded(_logger, actionId, result.Value.Id);
        return result;
    }
}
