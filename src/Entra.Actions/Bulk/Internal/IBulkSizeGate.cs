namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The bulk engine's size rule (<see cref="EntraWritePolicyOptions.MaxBulkItems"/>) for the invoker, which applies it before
/// it validates the items or sends any request, refusing, tracing and auditing exactly as the engine does.
/// </summary>
internal interface IBulkSizeGate
{
    /// <summary>Refuses a bulk write call with more items than the policy allows.</summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="count">The number of items.</param>
    /// <param name="groupId">The group id as given (audited when valid).</param>
    /// <param name="isDryRun">Whether the call was a dry run.</param>
    /// <returns>The <see cref="EntraErrorKind.PolicyDenied"/> failure, or <see langword="null"/> when the size is allowed.</returns>
    Task<EntraActionError?> RefuseOversizedAsync(string actionId, int count, string? groupId, bool isDryRun);
}
