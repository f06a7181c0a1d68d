using Azure.Core;
using Entra.Actions.Directory.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Health.Internal;

/// <summary>
/// One run of the health check against one connection's services: a token from the connection's credential, then
/// <c>GET /organization</c> (the cheapest Graph read) through the connection's own pipeline, judged by <see cref="HealthJudge"/>.
/// </summary>
/// <remarks>
/// The pipeline's retry handler retries 429, 503 and 504 for up to <see cref="EntraActionsOptions.MaxRetryDuration"/> (a minute by
/// default) and a request cannot opt out of it, while a health endpoint must answer within seconds. So the check watches the
/// connection's throttle gate while it waits (the handler closes it on a 429 with <c>Retry-After</c>): once it closes, the check cancels
/// its read and reports Degraded at once. Retries the gate does not show (a 429 without <c>Retry-After</c>, 503 and 504 back-off)
/// and a slow Graph end at <see cref="EntraHealthCheckOptions.Timeout"/> (Degraded as well); a 503/504 answered within it is Degraded.
/// It never sends while the gate is closed: requests that arrive early prolong Graph's throttling.
/// </remarks>
internal sealed class ConnectionProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly HealthTarget _target;
    private readonly EntraHealthCheckOptions _options;
    private readonly HealthOutcome _outcome;
    private readonly HealthJudge _judge;

    public ConnectionProbe(HealthTarget target, EntraHealthCheckOptions options, HealthStatus failureStatus, HealthOutcome outcome)
    {
        _target = target;
        _options = options;
        _outcome = outcome;
        _judge = new HealthJudge(outcome, options, failureStatus);
    }

    public async Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var time = _target.Time;
        if (Pause() is { } closed)
        {
            return _judge.GateClosed(closed, sent: false);
        }

        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        var tokenTask = GetTokenAsync(linked.Token);
        if (await WaitAsync(tokenTask, linked, started, cancellationToken).ConfigureAwait(false) is { } interrupted)
        {
            return interrupted;
        }

        Readiness readiness;
        try
        {
            readiness = Readiness.Of(await tokenTask.ConfigureAwait(false), _target.Catalog);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return _judge.TimedOut(time.GetElapsedTime(started));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the exception's type: credential messages can quote the request, the tenant and the app.
            return _judge.NoToken(exception.GetType().Name, time.GetElapsedTime(started));
        }

        readiness.Describe(_outcome);
        var readTask = _target.Organization.GetOrganizationAsync(linked.Token);
        if (await WaitAsync(readTask, linked, started, cancellationToken).ConfigureAwait(false) is { } stopped)
        {
            return stopped;
        }

        EntraActionResult<EntraOrganization> read;
        try
        {
            read = await readTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return _judge.TimedOut(time.GetElapsedTime(started));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return _judge.ReadThrew(exception.GetType().Name, time.GetElapsedTime(started));
        }

        return _judge.Read(read, readiness, time.GetElapsedTime(started));
    }

    /// <summary>How long the connection's throttle gate stays closed, or <see langword="null"/> when it is open.</summary>
    private TimeSpan? Pause()
    {
        var wait = _target.Gate.ResumeAt - _target.Time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        // The context the Graph transport uses (CAE enabled), so this token is the one the credential caches for the actions.
        var context = new TokenRequestContext([_target.Scope], parentRequestId: null, claims: null, tenantId: null, isCaeEnabled: true);
        var credential = _target.Credentials.GetCredential();
        return (await credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false)).Token;
    }

    /// <summary>
    /// Waits for <paramref name="work"/>, checking the gate every <see cref="PollInterval"/>. Returns <see langword="null"/> once it
    /// has completed (in any way), or the result to report when the gate closed or the check's timeout passed first; then the work
    /// is cancelled and left behind with its outcome observed.
    /// </summary>
    private async Task<HealthCheckResult?> WaitAsync(Task work, CancellationTokenSource linked, long started, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            if (Pause() is { } closed)
            {
                // The retry handler is waiting for Graph's Retry-After: nothing this check learns by waiting with it.
                await linked.CancelAsync().ConfigureAwait(false);
                Observe(work);
                return _judge.GateClosed(closed, sent: true, _target.Time.GetElapsedTime(started));
            }

            if (linked.IsCancellationRequested)
            {
                Observe(work);
                cancellationToken.ThrowIfCancellationRequested();
                return _judge.TimedOut(_target.Time.GetElapsedTime(started));
            }

            await Task.WhenAny(work, Task.Delay(PollInterval, _target.Time, linked.Token)).ConfigureAwait(false);
        }

        return null;
    }

    private static void Observe(Task work) =>
        _ = work.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
