namespace Entra.Actions.Policy.Internal;

/// <summary>A refusal by the write policy: the rule that refused and the <see cref="EntraErrorKind.PolicyDenied"/> failure to return.</summary>
/// <param name="Rule">The rule: <c>ProtectedGroupIds</c>, <c>AllowedGroupIds</c>, <c>RefuseGuests</c>, <c>MaxBulkItems</c>, or a host policy's type name.</param>
/// <param name="Error">The failure, whose message names the rule and the reason.</param>
internal sealed record PolicyDenial(string Rule, EntraActionError Error);
