using Azure.Core;

namespace Entra.Actions.Tests.Health;

/// <summary>Fails every token request with an exception whose message quotes a secret and a token, as a careless credential might.</summary>
public sealed class LeakyFailingCredential(Exception exception) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw exception;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw exception;
}
