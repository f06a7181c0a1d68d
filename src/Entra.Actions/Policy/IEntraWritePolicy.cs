namespace Entra.Actions;

/// <summary>
/// A host's own rule for membership changes, evaluated after the built-in rules of <see cref="EntraWritePolicyOptions"/>,
/// after the reads and before any write (dry runs included). Register any number in DI
/// (<c>services.AddSingleton&lt;IEntraWritePolicy, MyPolicy&gt;()</c>); every one must allow the change.
/// </summary>
/// <remarks>
/// A policy that throws or returns nothing denies the change (the library fails closed). It is called once per change,
/// so once per item of a bulk call: keep it fast, and cache what it looks up.
/// </remarks>
public interface IEntraWritePolicy
{
    /// <summary>Decides whether a change may be made.</summary>
    /// <param name="request">The change: the action, the connection, the member and the group as read just before.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns><see cref="EntraWriteDecision.Allow"/>, or <see cref="EntraWriteDecision.Deny(string)"/> with the reason.</returns>
    ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default);
}
