namespace Entra.Actions.OAuth.Internal;

/// <summary>The token endpoint's answer: tokens, or an error. <see cref="ToString"/> never shows a token.</summary>
internal sealed class TokenEndpointResponse
{
    public string? AccessToken { get; init; }

    public DateTimeOffset ExpiresOn { get; init; }

    public string? RefreshToken { get; init; }

    public string? IdToken { get; init; }

    /// <summary>The granted scopes as the endpoint reported them (with the resource prefix).</summary>
    public string? Scope { get; init; }

    public EntraConnectError? Error { get; init; }

    public bool IsInvalidGrant => Error?.OAuthError == "invalid_grant";

    public override string ToString() => Error is null ? $"Tokens (expire {ExpiresOn:O})" : $"Error {Error}";
}
