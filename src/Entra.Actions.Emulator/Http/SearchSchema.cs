namespace Entra.Actions.Emulator;

/// <summary>Which properties a collection's <c>$search</c> accepts (canonical casing): tokenized ones match the start of any word,
/// the others match the start of the whole value.</summary>
internal sealed record SearchSchema(IReadOnlyList<string> Tokenized, IReadOnlyList<string> Prefix)
{
    /// <summary>Gets the <c>GET /users</c> schema.</summary>
    public static SearchSchema Users { get; } = new(["displayName"], ["givenName", "surname", "mail", "userPrincipalName", "mailNickname"]);

    /// <summary>Gets the <c>GET /groups</c> schema.</summary>
    public static SearchSchema Groups { get; } = new(["displayName", "description"], ["mail", "mailNickname"]);

    /// <summary>Gets every searchable property, tokenized first.</summary>
    public IReadOnlyList<string> All => [.. Tokenized, .. Prefix];
}
