using Entra.Actions.Policy.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// What a bulk membership call learned that its audit events report: the group as validated and read, the users read, and
/// the policy rules that refused items. Written by the call's steps before any write (the policy pass runs alone); read
/// once the call has ended.
/// </summary>
internal sealed class MembershipFacts
{
    private Dictionary<int, string>? _rules;

    /// <summary>The group's validated object id; <see langword="null"/> while (or when) the group id is invalid.</summary>
    public string? GroupId { get; set; }

    /// <summary>The group as read before anything was sent.</summary>
    public EntraGroup? Group { get; set; }

    /// <summary>The users read, by input position.</summary>
    public EntraActionResult<EntraUser>?[]? Users { get; set; }

    /// <summary>The refusal of the whole call by a group rule; its items carry its error.</summary>
    public PolicyDenial? GroupDenial { get; set; }

    /// <summary>The refusal of the whole call for its size: nothing was read, and it is audited as one event.</summary>
    public PolicyDenial? SizeDenial { get; set; }

    /// <summary>Notes that a member rule refused the item at <paramref name="index"/>.</summary>
    /// <param name="index">The item's position.</param>
    /// <param name="rule">The rule.</param>
    public void Denied(int index, string rule) => (_rules ??= [])[index] = rule;

    /// <summary>The rule that refused the item at <paramref name="index"/>, or <see langword="null"/>.</summary>
    /// <param name="index">The item's position.</param>
    /// <returns>The rule.</returns>
    public string? RuleOf(int index) => _rules is not null && _rules.TryGetValue(index, out var rule) ? rule : GroupDenial?.Rule;

    /// <summary>The user read for the item at <paramref name="index"/>, if one was.</summary>
    /// <param name="index">The item's position.</param>
    /// <returns>The user.</returns>
    public EntraUser? UserOf(int index) => Users?[index] is { Succeeded: true } user ? user.Value : null;
}
