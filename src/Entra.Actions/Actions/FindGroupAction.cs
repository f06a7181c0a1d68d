using System.Globalization;
using Entra.Actions.Actions.Internal;
using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions;

/// <summary>
/// The Find group action: finds the one group whose display name, mail or mail nickname equals a name (case-insensitive), in
/// one request, and returns it as Look up group does. None is <see cref="EntraErrorKind.NotFound"/>; several are
/// <see cref="EntraErrorKind.Ambiguous"/>, never a guess, so a flow cannot act on the wrong group. Thread-safe; get it through
/// <see cref="IEntraQueryActions"/>.
/// </summary>
/// <remarks>Needs <c>GroupMember.Read.All</c> (delegated or application).</remarks>
public sealed class FindGroupAction
{
    /// <summary>The longest name (a group's display name has at most 256 characters).</summary>
    public const int MaxNameLength = 256;

    /// <summary>The most candidates an <see cref="EntraErrorKind.Ambiguous"/> message lists.</summary>
    public const int MaxCandidatesListed = 10;

    /// <summary>The action's stable catalog id.</summary>
    internal const string ActionId = "entra.find_group";

    private const string Permissions = "GroupMember.Read.All or Group.Read.All";

    private readonly QueryRunner _run;

    internal FindGroupAction(IEntraQueryDirectory directory, ILogger<FindGroupAction> logger, CurrentConnection connection)
    {
        _run = new QueryRunner(directory, logger, connection);
    }

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Query<FindGroupInput, EntraGroup>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "Find group",
            Description = "Finds the one Microsoft Entra group whose display name, email or mail nickname equals the name (case-insensitive) and returns it as Look up group does; fails with Ambiguous when several match.",
            Inputs =
            [
                new() { Name = "name", DisplayName = "Name", TypeName = "string", IsRequired = true, Description = "The group's display name, email address or mail nickname, 1 to 256 characters; surrounding white space is ignored." },
            ],
            Outputs = LookupGroupAction.GroupOutputs,
            DelegatedPermissions = ["GroupMember.Read.All"],
            ApplicationPermissions = ["GroupMember.Read.All"],
        },
        (q, i, ct) => q.FindGroupAsync(i.Name, ct));

    /// <summary>Finds a group by name.</summary>
    /// <param name="name">The group's display name, mail or mail nickname: 1 to 256 characters; surrounding white space is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group, or a failure: <see cref="EntraErrorKind.NotFound"/>, <see cref="EntraErrorKind.Ambiguous"/>, <see cref="EntraErrorKind.InvalidInput"/> (no request sent), ...</returns>
    public Task<EntraActionResult<EntraGroup>> ExecuteAsync(string name, CancellationToken cancellationToken = default) =>
        _run.RunAsync(ActionId, () => FindAsync(name, cancellationToken), cancellationToken);

    private async Task<EntraActionResult<EntraGroup>> FindAsync(string name, CancellationToken cancellationToken)
    {
        if (!QueryTextValidator.TryValidate(name, "Name", MaxNameLength, out var text, out var error))
        {
            return _run.Reject<EntraGroup>(ActionId, "name", error);
        }

        var read = await _run.CallAsync(ActionId, () => _run.Directory.FindGroupsByNameAsync(text, MaxCandidatesListed, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return _run.Fail<EntraGroup>(ActionId, ActionMessages.ForRead(read.Error, $"Groups named {EntraIdValidator.Quote(text)}", Permissions));
        }

        var groups = read.Value.Items;
        switch (groups.Count)
        {
            case 0:
                return _run.Fail<EntraGroup>(ActionId, new EntraActionError(
                    EntraErrorKind.NotFound, $"No group has the display name, email or mail nickname {EntraIdValidator.Quote(text)}."));
            case 1 when !read.Value.Truncated:
                _run.Completed(ActionId, 1, truncated: false);
                return EntraActionResult.Success(groups[0]);
            default:
                return _run.Fail<EntraGroup>(ActionId, new EntraActionError(EntraErrorKind.Ambiguous, Ambiguity(text, groups, read.Value.Truncated)));
        }
    }

    private static string Ambiguity(string name, IReadOnlyList<EntraGroup> groups, bool more)
    {
        var count = more ? string.Create(CultureInfo.InvariantCulture, $"More than {groups.Count}") : groups.Count.ToString(CultureInfo.InvariantCulture);
        var candidates = string.Join("; ", groups.Select(g => $"{g.Id} ({EntraIdValidator.Quote(g.DisplayName ?? string.Empty)}, {g.Kind})"));
        return $"{count} groups have the display name, email or mail nickname {EntraIdValidator.Quote(name)}; give the group's id instead. Candidates: {candidates}{(more ? "; ..." : string.Empty)}.";
    }
}
