using Azure.Core;

namespace Entra.Actions.Tests.TestSupport;

/// <summary>Hands out a fixed token and records the scopes asked for; no identity endpoint is involved.</summary>
public sealed class FakeTokenCredential : TokenCredential
{
    public const string Token = "test-access-token-0123456789";

    private int _calls;

    public int Calls => _calls;

    public IReadOnlyList<string>? LastScopes { get; private set; }

    public string? LastClaims { get; private set; }

    public bool LastIsCaeEnabled { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastScopes = requestContext.Scopes;
        LastClaims = requestContext.Claims;
        LastIsCaeEnabled = requestContext.IsCaeEnabled;
        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
