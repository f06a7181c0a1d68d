using Entra.Actions.Actions.Internal;
using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions;

/// <summary>
/// The Search users action: finds users whose display name, given name, surname, mail or userPrincipalName starts with the
/// query text (case-insensitive), in one request. The text is sent only as an escaped OData literal, so quotes, operators or
/// URL syntax in it are searched for, never obeyed. Thread-safe; get it through <see cref="IEntraQueryActions"/>.
/// </summary>
/// <remarks>Needs <c>User.Read.All</c> (delegated or application): <c>User.ReadBasic.All</c> would leave <c>jobTitle</c> null.</remarks>
public sealed class SearchUsersAction
{
    /// <summary>The limit when none is given.</summary>
    public const int DefaultLimit = 25;

    /// <summary>The largest limit: one page of Graph's user list.</summary>
    public const int MaxLimit = 999;

    /// <summary>The longest query text.</summary>
    public const int MaxQueryLength = 256;

    /// <summary>The action's stable catalog id.</summary>
    internal const string ActionId = "entra.search_users";

    private const string Permissions = "User.Read.All";

    private readonly QueryRunner _run;

    internal SearchUsersAction(IEntraQueryDirectory directory, ILogger<SearchUsersAction> logger, CurrentConnection connection)
    {
        _run = new QueryRunner(directory, logger, connection);
    }

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Query<SearchUsersInput, EntraUserSearchResult>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "Search users",
            Description = "Finds Microsoft Entra users whose display name, given name, surname, email or userPrincipalName starts with the query text (case-insensitive).",
            Inputs =
            [
                new() { Name = "query", DisplayName = "Query", TypeName = "string", IsRequired = true, Description = "The start of a name or address, 1 to 256 characters; surrounding white space is ignored." },
                new() { Name = "limit", DisplayName = "Limit", TypeName = "integer", IsRequired = false, Description = "The most users to return, 1 to 999 (default 25)." },
            ],
            Outputs =
            [
                new() { Name = "users", DisplayName = "Users", TypeName = "object[]", IsRequired = true, Description = "The matching users, each with id, displayName, givenName, surname, mail, userPrincipalName and jobTitle." },
                new() { Name = "truncated", DisplayName = "Truncated", TypeName = "boolean", IsRequired = true, Description = "Whether more users matched than the limit let through." },
            ],
            DelegatedPermissions = ["User.Read.All"],
            ApplicationPermissions = ["User.Read.All"],
        },
        (q, i, ct) => q.SearchUsersAsync(i.Query, i.Limit ?? DefaultLimit, ct));

    /// <summary>Searches users by the start of their names or addresses.</summary>
    /// <param name="query">The start of a name or address: 1 to 256 characters; surrounding white space is ignored.</param>
    /// <param name="limit">The most users to return, 1 to 999.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users and whether more matched, or a failure (<see cref="EntraErrorKind.InvalidInput"/> with no request sent, <see cref="EntraErrorKind.Forbidden"/>, ...).</returns>
    public Task<EntraActionResult<EntraUserSearchResult>> ExecuteAsync(string query, int limit = DefaultLimit, CancellationToken cancellationToken = default) =>
        _run.RunAsync(ActionId, () => SearchAsync(query, limit, cancellationToken), cancellationToken);

    private async Task<EntraActionResult<EntraUserSearchResult>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        if (!QueryTextValidator.TryValidate(query, "Query", MaxQueryLength, out var text, out var error))
        {
            return _run.Reject<EntraUserSearchResult>(ActionId, "query", error);
        }

        if (!QueryTextValidator.TryValidateLimit(limit, "Limit", MaxLimit, out error))
        {
            return _run.Reject<EntraUserSearchResult>(ActionId, "limit", error);
        }

        return await _run.ReadListAsync(
            ActionId,
            () => _run.Directory.SearchUsersAsync(text, limit, cancellationToken),
            $"Users matching {EntraIdValidator.Quote(text)}",
            Permissions,
            read => new EntraUserSearchResult { Users = read.Items, Truncated = read.Truncated },
            cancellationToken).ConfigureAwait(false);
    }
}
