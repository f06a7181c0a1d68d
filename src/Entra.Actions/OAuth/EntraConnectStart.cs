namespace Entra.Actions;

/// <summary>A started connect: send the browser to <see cref="AuthorizationUrl"/>. The PKCE code verifier stays in the token store.</summary>
public sealed class EntraConnectStart
{
    internal EntraConnectStart(string connectionName, Uri authorizationUrl, string state, DateTimeOffset expiresOn)
    {
        ConnectionName = connectionName;
        AuthorizationUrl = authorizationUrl;
        State = state;
        ExpiresOn = expiresOn;
    }

    /// <summary>Gets the connection being connected.</summary>
    public string ConnectionName { get; }

    /// <summary>Gets the Microsoft Entra authorization URL (authorization-code flow with PKCE S256, <c>response_mode=query</c>).</summary>
    public Uri AuthorizationUrl { get; }

    /// <summary>Gets the <c>state</c> value the redirect carries back; single-use.</summary>
    public string State { get; }

    /// <summary>Gets when the state stops being accepted.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>A summary (the state is shortened).</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"EntraConnectStart {{ ConnectionName = {ConnectionName}, ExpiresOn = {ExpiresOn:O} }}";
}
