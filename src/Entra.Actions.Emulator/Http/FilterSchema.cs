namespace Entra.Actions.Emulator;

/// <summary>Which properties a collection's <c>$filter</c> accepts with <c>eq</c>/<c>in</c> and with <c>startswith</c> (canonical casing).
/// <c>id</c> compares as a GUID; every other property compares case-insensitively, as the directory does.</summary>
internal sealed record FilterSchema(string ResourceName, IReadOnlyList<string> EqProperties, IReadOnlyList<string> StartsWithProperties)
{
    /// <summary>Gets the <c>GET /users</c> schema: id and UPN by value, the five name properties by prefix.</summary>
    public static FilterSchema Users { get; } = new(
        "User",
        ["id", "userPrincipalName"],
        ["displayName", "givenName", "surname", "mail", "userPrincipalName"]);

    /// <summary>Gets the <c>GET /groups</c> schema: id and the three name properties by value, the names by prefix.</summary>
    public static FilterSchema Groups { get; } = new(
        "Group",
        ["id", "displayName", "mail", "mailNickname"],
        ["displayName", "mail", "mailNickname"]);

    /// <summary>The canonical name of <paramref name="property"/> in <paramref name="list"/>, or <c>null</c>.</summary>
    public static string? Find(IReadOnlyList<string> list, string property) =>
        list.FirstOrDefault(p => p.Equals(property, StringComparison.OrdinalIgnoreCase));

    /// <summary>"'a', 'b' and 'c'".</summary>
    public static string Describe(IReadOnlyList<string> list) => list.Count == 1
        ? $"'{list[0]}'"
        : string.Join(", ", list.Take(list.Count - 1).Select(p => $"'{p}'")) + $" and '{list[^1]}'";
}
