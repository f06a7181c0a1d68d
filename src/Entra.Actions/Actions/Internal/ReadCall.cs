using Entra.Actions.Telemetry.Internal;

namespace Entra.Actions.Actions.Internal;

/// <summary>The envelope of a read action (Look up user, Look up group): its activity and duration metric. Reads are not audited.</summary>
internal static class ReadCall
{
    /// <summary>Runs a read under its activity.</summary>
    /// <typeparam name="T">The result's value type.</typeparam>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="connectionName">The connection's name.</param>
    /// <param name="read">The read.</param>
    /// <returns>The read's result.</returns>
    public static async Task<EntraActionResult<T>> RunAsync<T>(string actionId, string? connectionName, Func<Task<EntraActionResult<T>>> read)
    {
        using var call = ActionCall.Start(actionId, connectionName);
        EntraActionResult<T> result;
        try
        {
            result = await read().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            call.Cancelled();
            throw;
        }

        if (result.Succeeded)
        {
            call.Succeeded(EntraTelemetry.SucceededOutcome);
        }
        else
        {
            call.Failed(result.Error);
        }

        return result;
    }
}
