using System.Net;
using Entra.Actions.Tests.TestSupport;

namespace Entra.Actions.Tests.Http;

/// <summary>Retry behaviour of the whole pipeline, on fake time: exact waits, bounds, and one retry owner.</summary>
public sealed class GraphRetryHandlerTests
{
    [Theory]
    [InlineData("2.128", 2128)]
    [InlineData("1", 1000)]
    [InlineData("0.5", 500)]
    public async Task LookupUserAsync_429WithRetryAfter_WaitsExactlyThatLongThenSucceeds(string retryAfter, int expectedMs)
    {
        using var host = GraphTestHost.WithFakeTime(out var time);
        host.Handler.Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", retryAfter))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);

        var call = host.Actions.LookupUserAsync(GraphPayloads.AdeleId);
        await WaitForRetryAsync(host, 1);
        time.Advance(TimeSpan.FromMilliseconds(expectedMs - 1));
        await Task.Delay(50);
        call.IsCompleted.Should().BeFalse("the Retry-After has not elapsed yet");
        host.Handler.Requests.Should().HaveCount(1);

        var result = await AdvanceUntilDoneAsync(time, call, TimeSpan.FromMilliseconds(1));

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        host.Handler.Requests.Should().HaveCount(2);
        host.Handler.Requests[1].Headers.Should().ContainKey("Retry-Attempt").WhoseValue.Should().Be("1");
    }

    [Fact]
    public async Task LookupUserAsync_Persistent429_IsRetriedOncePerAttemptThenThrottled()
    {
        using var host = GraphTestHost.WithFakeTime(out var time, o => o.MaxRetryAttempts = 2);
        host.Handler.Fallback = _ => StubGraphHandler.Create(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "1"));

        var call = host.Actions.LookupUserAsync(GraphPayloads.AdeleId);
        var result = await AdvanceUntilDoneAsync(time, call);

        // One retry owner: 1 attempt + 2 retries reach the wire. A second retry layer (the SDK's) would multiply this.
        host.Handler.Requests.Should().HaveCount(3);
        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        result.Error.StatusCode.Should().Be(429);
        result.Error.GraphErrorCode.Should().Be("TooManyRequests");
        result.Error.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
        result.Error.RequestId.Should().Be(GraphPayloads.RequestId);
    }

    [Fact]
    public async Task LookupUserAsync_RetryAfterBeyondTimeBudget_GivesUpAtOnce()
    {
        using var host = GraphTestHost.WithFakeTime(out _, o => o.MaxRetryDuration = TimeSpan.FromSeconds(5));
        host.Handler.Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "120"));

        var result = await host.Actions.LookupUserAsync(GraphPayloads.AdeleId).WaitAsync(TimeSpan.FromSeconds(10));

        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        result.Error.RetryAfter.Should().Be(TimeSpan.FromSeconds(120));
        host.Handler.Requests.Should().HaveCount(1);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task LookupUserAsync_TransientStatusWithoutRetryAfter_BacksOffOneSecondThenSucceeds(HttpStatusCode status)
    {
        using var host = GraphTestHost.WithFakeTime(out var time);
        host.Handler.Respond(status, GraphPayloads.Error("ServiceUnavailable", "Service unavailable"))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);

        var call = host.Actions.LookupUserAsync(GraphPayloads.AdeleId);
        var result = await AdvanceUntilDoneAsync(time, call);

        result.Succeeded.Should().BeTrue();
        host.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task AddUserToGroupAsync_429OnThePost_ResendsTheSameBody()
    {
        using var host = GraphTestHost.WithFakeTime(out var time);
        host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce)
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele)
            .Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "0.25"))
            .Respond(HttpStatusCode.NoContent);

        var call = host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);
        await WaitForRetryAsync(host, 1);
        var result = await AdvanceUntilDoneAsync(time, call);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        var requests = host.Handler.Requests;
        requests.Should().HaveCount(4);
        requests[3].Body.Should().NotBeNullOrEmpty().And.Be(requests[2].Body);
        requests[3].Authorization.Should().Be(requests[2].Authorization);
    }

    [Fact]
    public async Task LookupUserAsync_CancelledWhileWaitingToRetry_ThrowsOperationCanceled()
    {
        using var host = GraphTestHost.WithFakeTime(out _);
        using var cancellation = new CancellationTokenSource();
        host.Handler.Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "10"));

        var call = host.Actions.LookupUserAsync(GraphPayloads.AdeleId, cancellation.Token);
        await WaitForRetryAsync(host, 1);
        await cancellation.CancelAsync();

        await call.Invoking(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task LookupUserAsync_RetriesWouldOutlastMaxRetryDuration_StopsWithinTheBudget()
    {
        using var host = GraphTestHost.WithFakeTime(out var time, o => { o.MaxRetryAttempts = 10; o.MaxRetryDuration = TimeSpan.FromSeconds(5); });
        host.Handler.Fallback = _ => StubGraphHandler.Create(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "2"));
        var start = time.GetUtcNow();

        var result = await AdvanceUntilDoneAsync(time, host.Actions.LookupUserAsync(GraphPayloads.AdeleId));

        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        host.Handler.Requests.Should().HaveCount(3, "waits of 2 s fit twice into 5 s; a third would end at 6 s");
        (time.GetUtcNow() - start).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(5));
    }

    /// <summary>Waits (in real time) until the handler has announced <paramref name="count"/> retries, i.e. is about to sleep on fake time.</summary>
    private static async Task WaitForRetryAsync(GraphTestHost host, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (host.LoggerProvider.Collector.GetSnapshot().Count(r => r.Id.Id == 2000) < count)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{count} retr(ies) should be scheduled");
            await Task.Delay(5);
        }

        await Task.Delay(20);
    }

    /// <summary>Moves fake time forward in small steps until the call completes, so a timer registered late is still reached.</summary>
    private static async Task<T> AdvanceUntilDoneAsync<T>(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Task<T> call, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!call.IsCompleted)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the call should complete once fake time passes its waits");
            time.Advance(step ?? TimeSpan.FromMilliseconds(50));
            await Task.WhenAny(call, Task.Delay(2));
        }

        return await call;
    }
}
