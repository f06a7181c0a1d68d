namespace Entra.Actions.Actions.Internal;

/// <summary>
/// The outputs Add and Remove share: the <see cref="MembershipChange"/>'s fields. Whether the run succeeded is the invocation
/// result's <c>success</c>, not an output.
/// </summary>
internal static class MembershipOutputs
{
    /// <summary>Builds the output list.</summary>
    /// <param name="memberDescription">What <c>memberId</c> holds for this action.</param>
    /// <param name="outcomeDescription">Which outcomes this action reports.</param>
    /// <returns>The outputs.</returns>
    public static IReadOnlyList<EntraActionParameter> Create(string memberDescription, string outcomeDescription) =>
    [
        new() { Name = "memberId", DisplayName = "Member ID", TypeName = "string", IsRequired = true, Description = memberDescription },
        new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
        new() { Name = "outcome", DisplayName = "Outcome", TypeName = "string", IsRequired = true, Description = outcomeDescription },
        new() { Name = "isDryRun", DisplayName = "Dry run", TypeName = "boolean", IsRequired = true, Description = "True when this was a dry run: outcome is what the change would have done, and nothing was written." },
        new() { Name = "changed", DisplayName = "Changed", TypeName = "boolean", IsRequired = true, Description = "Whether the directory was changed (never in a dry run)." },
    ];
}
