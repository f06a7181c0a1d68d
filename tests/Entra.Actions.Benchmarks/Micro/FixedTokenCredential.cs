using Azure.Core;

namespace Entra.Actions.Benchmarks.Micro;

/// <summary>
/// Returns one pre-minted token, like a real Azure.Identity credential serving from its cache. Without it, the emulator's
/// credential mints a fresh token on every call and the comparison would measure token minting (the bare client asks for a
/// token per request; the library may cache it).
/// </summary>
internal sealed class FixedTokenCredential(TokenCredential source) : TokenCredential
{
    private readonly AccessToken _token = source.GetToken(new TokenRequestContext(["https://graph.microsoft.com/.default"]), CancellationToken.None);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(_token);
}
