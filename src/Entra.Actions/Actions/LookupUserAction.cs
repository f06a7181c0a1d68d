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
/// The Look up user action: reads a user by object id or userPrincipalName, with optional extra properties.
/// Thread-safe; register it as a singleton or scoped service.
/// </summary>
/// <remarks>Needs <c>User.Read.All</c> (delegated or application). Some extra properties need more; Graph's user resource lists them.</remarks>
public sealed class LookupUserAction
{
    private readonly IEntraDirectory _directory;
    private readonly ILogger<LookupUserAction> _logger;
    private readonly string? _connectionName;

    /// <summary>Creates the action.</summary>
    /// <param name="directory">The directory to read from.</param>
    /// <param name="options">The library options (kept for a uniform constructor shape across actions).</param>
    /// <param name="logger">The logger.</param>
    public LookupUserAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, ILogger<LookupUserAction> logger)
        : this(directory, options, logger, CurrentConnection.Unnamed)
    {
    }

    internal LookupUserAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, ILogger<LookupUserAction> logger, CurrentConnection connection)
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
    internal const string ActionId = "entra.lookup_user";

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Single<LookupUserInput, EntraUser>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "Look up user",
            Description = "Reads a Microsoft Entra user by object id or userPrincipalName and returns the user's profile.",
            Inputs =
            [
                new() { Name = "userId", DisplayName = "User ID", TypeName = "string", IsRequired = true, Description = "The user's object id (GUID) or userPrincipalName (guest #EXT# UPNs included)." },
                new() { Name = "additionalProperties", DisplayName = "Extra properties", TypeName = "string[]", IsRequired = false, Description = "Extra Graph user property names to return, for example department or accountEnabled (at most 50)." },
            ],
            Outputs =
            [
                new() { Name = "id", DisplayName = "Object ID", TypeName = "string", IsRequired = true, Description = "The user's object id (GUID)." },
                new() { Name = "displayName", DisplayName = "Display name", TypeName = "string", Description = "The name shown in the address book." },
                new() { Name = "givenName", DisplayName = "First name", TypeName = "string", Description = "The given name." },
                new() { Name = "surname", DisplayName = "Last name", TypeName = "string", Description = "The surname." },
                new() { Name = "mail", DisplayName = "Email", TypeName = "string", Description = "The primary SMTP address." },
                new() { Name = "userPrincipalName", DisplayName = "User principal name", TypeName = "string", Description = "The sign-in name." },
                new() { Name = "jobTitle", DisplayName = "Job title", TypeName = "string", Description = "The job title." },
                new() { Name = "additionalProperties", DisplayName = "Extra properties", TypeName = "object", IsRequired = true, Description = "The requested extra properties by Graph name, as Graph returned them." },
            ],
            DelegatedPermissions = ["User.Read.All"],
            ApplicationPermissions = ["User.Read.All"],
            IsWrite = false,
        },
        (a, i, ct) => a.LookupUserAsync(i.UserId, i.AdditionalProperties, ct));

    /// <summary>Looks up a user.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user, or a failure: <see cref="EntraErrorKind.InvalidInput"/> (no request sent), <see cref="EntraErrorKind.NotFound"/>, <see cref="EntraErrorKind.Forbidden"/>, ...</returns>
    /// <remarks>Needs <c>User.Read.All</c>.</remarks>
    public Task<EntraActionResult<EntraUser>> ExecuteAsync(string userId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(userId, null, cancellationToken);

    /// <summary>Looks up a user and also returns the named extra properties.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="additionalProperties">Extra Graph property names; duplicates and default properties are ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user with <see cref="EntraUser.AdditionalProperties"/>, or a failure.</returns>
    /// <remarks>Needs <c>User.Read.All</c>; some properties need more.</remarks>
    public Task<EntraActionResult<EntraUser>> ExecuteAsync(string userId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ReadCall.RunAsync(ActionId, _connectionName, () => LookupAsync(userId, additionalProperties, cancellationToken));
    }

    private async Task<EntraActionResult<EntraUser>> LookupAsync(string userId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var actionId = ActionId;
        Log.ActionStarted(_logger, actionId);

        if (!EntraIdValidator.TryValidateUserId(userId, EntraIdValidator.UserIdInput, out var id, out var idError))
        {
            return ActionSupport.Reject<EntraUser>(_logger, actionId, EntraIdValidator.UserIdInput, idError);
        }

        if (!PropertyNameValidator.TryValidateUserProperties(additionalProperties, out var properties, out var propertyError))
        {
            return ActionSupport.Reject<EntraUser>(_logger, actionId, "additionalProperties", propertyError);
        }

        var result = await ActionSupport.CallDirectoryAsync(
            () => _directory.GetUserAsync(id.Value, properties, cancellationToken), _logger, actionId, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return ActionSupport.Fail<EntraUser>(_logger, actionId, ActionMessages.ForRead(result.Error, $"User '{id.Value}'", "User.Read.All"));
        }

        Log.LookupSucceeded(_logger, actionId, result.Value.Id);
        return result;
    }
}
