using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Actions.Internal;

/// <summary>
/// What the query actions do the same way: they hold the directory, run each read under its activity and metric, log its
/// start, call the directory safely and log failures once.
/// </summary>
internal sealed class QueryRunner
{
    private readonly ILogger _logger;
    private readonly string? _connectionName;

    public QueryRunner(IEntraQueryDirectory directory, ILogger logger, CurrentConnection connection)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(connection);
        Directory = directory;
        _logger = logger;
        _connectionName = connection.Name;
    }

    /// <summary>The directory the reads go to.</summary>
    public IEntraQueryDirectory Directory { get; }

    public ILogger Logger => _logger;

    /// <summary>Runs one query under its activity; cancellation is checked before anything else.</summary>
    public Task<EntraActionResult<T>> RunAsync<T>(string actionId, Func<Task<EntraActionResult<T>>> query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ReadCall.RunAsync(actionId, _connectionName, () =>
        {
            Log.ActionStarted(_logger, actionId);
            return query();
        });
    }

    /// <summary>Calls the directory: a host directory that throws still yields a result (see <see cref="ActionSupport.CallDirectoryAsync{T}"/>).</summary>
    public Task<EntraActionResult<T>> CallAsync<T>(string actionId, Func<Task<EntraActionResult<T>>> call, CancellationToken cancellationToken) =>
        ActionSupport.CallDirectoryAsync(call, _logger, actionId, cancellationToken);

    /// <summary>Logs an input refused before any request and returns the failure.</summary>
    public EntraActionResult<T> Reject<T>(string actionId, string inputName, EntraActionError error) =>
        ActionSupport.Reject<T>(_logger, actionId, inputName, error);

    /// <summary>Logs a failure once and returns it.</summary>
    public EntraActionResult<T> Fail<T>(string actionId, EntraActionError error) => ActionSupport.Fail<T>(_logger, actionId, error);

    /// <summary>
    /// Reads a bounded list from the directory: a failure gets a message naming <paramref name="subject"/> and, for a 403, the
    /// permissions; a success is logged with its count and wrapped by <paramref name="wrap"/>.
    /// </summary>
    public async Task<EntraActionResult<TResult>> ReadListAsync<TItem, TResult>(
        string actionId,
        Func<Task<EntraActionResult<ListRead<TItem>>>> read,
        string subject,
        string permissions,
        Func<ListRead<TItem>, TResult> wrap,
        CancellationToken cancellationToken)
    {
        var list = await CallAsync(actionId, read, cancellationToken).ConfigureAwait(false);
        if (!list.Succeeded)
        {
            return Fail<TResult>(actionId, ActionMessages.ForRead(list.Error, subject, permissions));
        }

        Completed(actionId, list.Value.Items.Count, list.Value.Truncated);
        return EntraActionResult.Success(wrap(list.Value));
    }

    /// <summary>Logs how many items a list read returned.</summary>
    public void Completed(string actionId, int count, bool truncated) => Log.QueryCompleted(_logger, actionId, count, truncated);
}
