using System.Net;

namespace Entra.Actions.Tests.OAuth;

/// <summary>A cancelled completion leaves its state usable for the same callback, and a state still never redeems two codes.</summary>
public sealed class CompleteConnectCancellationTests
{
    private readonly FlowFixture _fixture = new();

    /// <summary>Starts a connect and completes it with a token the token endpoint cancels while it redeems the code.</summary>
    private async Task<string> CancelledWhileRedeemingAsync()
    {
        var start = await _fixture.Flow.BeginConnectAsync("contoso");
        using var cts = new CancellationTokenSource();
        _fixture.Stub.Responder = _ =>
        {
            cts.Cancel();
            return Task.FromException<HttpResponseMessage>(new OperationCanceledException(cts.Token));
        };

        var act = () => _fixture.Flow.CompleteConnectAsync(start.State, "the-code", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _fixture.Stub.Responder = form => Task.FromResult(TokenEndpointStub.Tokens(form));
        return start.State;
    }

    [Fact]
    public async Task CompleteConnect_CancelledWhileRedeeming_SameCallbackRetriedConnects()
    {
        var state = await CancelledWhileRedeemingAsync();

        var retried = await _fixture.Flow.CompleteConnectAsync(state, "the-code");

        retried.Succeeded.Should().BeTrue(retried.ToString());
        _fixture.Stub.Forms.Should().HaveCount(2).And.OnlyContain(f => f["code"] == "the-code");
        (await _fixture.Flow.GetConnectionAsync("contoso"))!.ObjectId.Should().Be("oid-1");
    }

    [Fact]
    public async Task CompleteConnect_CancelledThenRetriedAndConnected_StateIsUsedUp()
    {
        var state = await CancelledWhileRedeemingAsync();
        (await _fixture.Flow.CompleteConnectAsync(state, "the-code")).Succeeded.Should().BeTrue();

        var again = await _fixture.Flow.CompleteConnectAsync(state, "the-code");

        again.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        _fixture.Stub.Forms.Should().HaveCount(2);
    }

    [Fact]
    public async Task CompleteConnect_CancelledWhileRedeeming_StateDoesNotRedeemAnotherCode()
    {
        var state = await CancelledWhileRedeemingAsync();

        var other = await _fixture.Flow.CompleteConnectAsync(state, "another-code");

        other.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        _fixture.Stub.Forms.Should().ContainSingle().Which["code"].Should().Be("the-code");
        (await _fixture.Flow.GetConnectionAsync("contoso")).Should().BeNull();
    }

    [Fact]
    public async Task CompleteConnect_CancelledWhileRedeeming_ErrorCallbackForTheStateIsInvalidState()
    {
        var state = await CancelledWhileRedeemingAsync();

        var result = await _fixture.Flow.CompleteConnectAsync(new Uri($"https://app.contoso.com/entra/callback?state={state}&error=access_denied"));

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
    }

    [Fact]
    public async Task CompleteConnect_TokenAlreadyCancelled_NothingSentAndStateStaysUsable()
    {
        var start = await _fixture.Flow.BeginConnectAsync("contoso");

        var act = () => _fixture.Flow.CompleteConnectAsync(start.State, "the-code", new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        _fixture.Stub.Forms.Should().BeEmpty();
        (await _fixture.Flow.CompleteConnectAsync(start.State, "the-code")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task CompleteConnect_CancelledAfterTheStateExpired_StateIsNotPutBack()
    {
        var start = await _fixture.Flow.BeginConnectAsync("contoso");
        using var cts = new CancellationTokenSource();
        _fixture.Stub.Responder = _ =>
        {
            _fixture.Time.Advance(TimeSpan.FromMinutes(11));
            cts.Cancel();
            return Task.FromException<HttpResponseMessage>(new OperationCanceledException(cts.Token));
        };

        var act = () => _fixture.Flow.CompleteConnectAsync(start.State, "the-code", cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await _fixture.Store.GetAsync("pending:" + start.State)).Should().BeNull();
        _fixture.Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task CompleteConnect_RedemptionRefused_StateIsUsedUp()
    {
        _fixture.Stub.Responder = _ => Task.FromResult(TokenEndpointStub.Error(HttpStatusCode.BadRequest, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed."));
        var start = await _fixture.Flow.BeginConnectAsync("contoso");
        (await _fixture.Flow.CompleteConnectAsync(start.State, "the-code")).Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidGrant);
        _fixture.Stub.Responder = form => Task.FromResult(TokenEndpointStub.Tokens(form));

        var retried = await _fixture.Flow.CompleteConnectAsync(start.State, "the-code");

        retried.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        _fixture.Stub.Forms.Should().ContainSingle();
    }
}
