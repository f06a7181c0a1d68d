using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Actions.Internal;

/// <summary>What every action does the same way: calling the directory safely, and logging failures once.</summary>
internal static class ActionSupport
{
    /// <summary>
    /// Calls the directory. The seam's contract is to return results, but a host can plug in its own implementation:
    /// if it throws anyway, the action still returns a <see cref="EntraErrorKind.ServiceError"/> instead of throwing.
    /// Cancellation is the one exception that propagates.
    /// </summary>
    /// <typeparam name="T">The result's value type.</typeparam>
    /// <param name="call">The directory call.</param>
    /// <param name="logger">The action's logger.</param>
    /// <param name="actionId">The action's id, for the log.</param>
    /// <param name="cancellationToken">The caller's token: only its cancellation propagates; any other cancellation (a host directory's own timeout) is a service error.</param>
    /// <returns>The directory's result, or a service error.</returns>
    public static async Task<EntraActionResult<T>> CallDirectoryAsync<T>(Func<Task<EntraActionResult<T>>> call, ILogger logger, string actionId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await call().ConfigureAwait(false);
            return result ?? EntraActionResult.Failure<T>(new EntraActionError(EntraErrorKind.ServiceError, "The directory returned no result."));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The caller cancelled and the directory failed some other way on the way out: the caller still gets
            // cancellation, never the raw exception (only OperationCanceledException escapes an action).
            cancellationToken.ThrowIfCancellationRequested();

            // Type only above Debug: exception messages from HTTP stacks can contain URLs, and URLs can contain UPNs.
            Log.DirectoryThrew(logger, actionId, ex.GetType().FullName ?? ex.GetType().Name);
            Log.DirectoryExceptionDetail(logger, actionId, ex);
            return EntraActionResult.Failure<T>(new EntraActionError(
                EntraErrorKind.ServiceError,
                $"The directory failed unexpectedly ({ex.GetType().Name})."));
        }
    }

    /// <summary>Logs a rejected input (the message quotes the caller's value, so only at Debug) and returns the failure.</summary>
    /// <typeparam name="T">The action's value type.</typeparam>
    /// <param name="logger">The action's logger.</param>
    /// <param name="actionId">The action's id.</param>
    /// <param name="inputName">The input that was rejected.</param>
    /// <param name="error">The validation error.</param>
    /// <returns>The failed result.</returns>
    public static EntraActionResult<T> Reject<T>(ILogger logger, string actionId, string inputName, EntraActionError error)
    {
        Log.InputRejected(logger, actionId, inputName);
        Log.FailureDetail(logger, actionId, error.Message);
        return EntraActionResult.Failure<T>(error);
    }

    /// <summary>Logs a failure once (group-kind and policy refusals are logged where the group or rule is known) and returns it.</summary>
    /// <typeparam name="T">The action's value type.</typeparam>
    /// <param name="logger">The action's logger.</param>
    /// <param name="actionId">The action's id.</param>
    /// <param name="error">The failure.</param>
    /// <returns>The failed result.</returns>
    public static EntraActionResult<T> Fail<T>(ILogger logger, string actionId, EntraActionError error)
    {
        if (error.Kind is not (EntraErrorKind.UnsupportedGroup or EntraErrorKind.PolicyDenied))
        {
            Log.ActionFailed(logger, actionId, error.Kind, error.StatusCode, error.GraphErrorCode, error.RequestId);
        }

        Log.FailureDetail(logger, actionId, error.Message);
        return EntraActionResult.Failure<T>(error);
    }
}
