using Azure.Core;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Connections;

/// <summary>The fake clock, counting the timers created on it and those armed (due once or periodic) at the moment.</summary>
internal sealed class ArmedTimers(FakeTimeProvider inner) : TimeProvider
{
    private int _armed;
    private int _created;

    public int Armed => Volatile.Read(ref _armed);

    public int Created => Volatile.Read(ref _created);

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        var timer = new Counted(this, inner.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Counted(ArmedTimers owner, ITimer timer) : ITimer
    {
        private bool _armed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Set(dueTime != Timeout.InfiniteTimeSpan);
            return timer.Change(dueTime, period);
        }

        public void Dispose()
        {
            Set(false);
            timer.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Set(false);
            return timer.DisposeAsync();
        }

        private void Set(bool armed)
        {
            if (armed != _armed)
            {
                Interlocked.Add(ref owner._armed, armed ? 1 : -1);
                _armed = armed;
            }
        }
    }
}

/// <summary>One per build of a connection's services; knows when they were disposed.</summary>
internal sealed class BuildMarker : IDisposable
{
    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

/// <summary>Reports a request that runs (before or after a short wait on the wire) on services already disposed.</summary>
internal sealed class BuildWatch(BuildMarker marker, Action onDisposed) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Check();
        await Task.Delay(1, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        Check();
        return response;
    }

    private void Check()
    {
        if (marker.Disposed)
        {
            onDisposed();
        }
    }
}

/// <summary>A credential that holds the first token request until <see cref="Open"/>: a call that is still running.</summary>
internal sealed class GatedCredential : TokenCredential
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Open() => _open.TrySetResult();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return new AccessToken(FakeTokenCredential.Token, DateTimeOffset.UtcNow.AddHours(1));
    }
}
