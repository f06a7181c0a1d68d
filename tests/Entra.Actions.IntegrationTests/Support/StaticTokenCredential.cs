using Azure.Core;

namespace Entra.Actions.IntegrationTests.Support;

/// <summary>
/// Returns a fixed token string, valid or not. <see cref="EmulatorCredential"/> cannot carry a garbled token: it reads the
/// expiry out of the JWT and throws <see cref="IndexOutOfRangeException"/> for anything that is not one.
/// </summary>
public sealed class StaticTokenCredential(string token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
