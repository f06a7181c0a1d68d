namespace Entra.Actions.Emulator.Tests.Http;

public class DirectorySearchTests
{
    private static readonly Dictionary<string, string?> Adele = new()
    {
        ["displayName"] = "Adele Vance",
        ["givenName"] = "Adele",
        ["surname"] = "Vance",
        ["mail"] = "AdeleV@contoso.com",
        ["userPrincipalName"] = "AdeleV@contoso.com",
        ["mailNickname"] = "AdeleV",
    };

    private static bool Matches(string text)
    {
        DirectorySearch.TryParse(text, SearchSchema.Users, out var search, out var error).Should().BeTrue(error);
        return search!.Matches(p => Adele.GetValueOrDefault(p));
    }

    private static string Refused(string text)
    {
        DirectorySearch.TryParse(text, SearchSchema.Users, out var search, out var error).Should().BeFalse();
        search.Should().BeNull();
        return error!;
    }

    [Theory]
    [InlineData("\"displayName:vance\"", true)]
    [InlineData("\"DisplayName:ADE\"", true)]
    [InlineData("\"displayName:ance\"", false)]
    [InlineData("\"givenName:ade\"", true)]
    [InlineData("\"surname:van\"", true)]
    [InlineData("\"mail:adelev@con\"", true)]
    [InlineData("\"mail:contoso\"", false)]
    [InlineData("\"userPrincipalName:ADELEV\"", true)]
    [InlineData("\"mailNickname:adel\"", true)]
    [InlineData("\"displayName:zz\" OR \"mail:adele\"", true)]
    [InlineData("\"displayName:zz\" OR \"mail:zz\"", false)]
    [InlineData("\"displayName:adele\" AND \"mail:zz\"", false)]
    [InlineData("\"displayName:adele\" AND \"mail:adele\"", true)]
    [InlineData("(\"displayName:zz\" OR \"displayName:va\") AND \"surname:v\"", true)]
    [InlineData("\"displayName:zz\" OR \"displayName:adele\" AND \"surname:zz\"", false)]
    [InlineData("\"displayName:\"", false)]
    [InlineData("\"displayName:a\\\"b\"", false)]
    [InlineData("\"displayName:x\\\" OR \\\"displayName:adele\"", false)]
    public void TryParse_Clauses_MatchAsGraphSearches(string text, bool expected)
    {
        Matches(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("displayName:adele", "Invalid $search clause: a clause must be a quoted \"property:text\" at position 0.")]
    [InlineData("\"adele\"", "Invalid $search clause: a clause must be \"property:text\" at position 0.")]
    [InlineData("\"displayName:adele", "Invalid $search clause: unterminated quoted clause at position 0.")]
    [InlineData("\"displayName:a\" or \"mail:b\"", "Invalid $search clause: 'or' is not an operator (AND and OR are upper-case) at position 16.")]
    [InlineData("\"displayName:a\" And(\"mail:b\")", "Invalid $search clause: 'And' is not an operator (AND and OR are upper-case) at position 16.")]
    [InlineData("\"displayName:a\" x", "Invalid $search clause: unexpected 'x' at position 16.")]
    [InlineData("\"displayName:a\" OR", "Invalid $search clause: expected a quoted \"property:text\" clause at position 18.")]
    [InlineData("(\"displayName:a\"", "Invalid $search clause: missing ')' at position 16.")]
    [InlineData("", "Invalid $search clause: expected a quoted \"property:text\" clause at position 0.")]
    [InlineData("\"jobTitle:retail\"",
        "The emulator does not support $search on the property 'jobTitle' (only 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName' and 'mailNickname').")]
    public void TryParse_Malformed_RefusedWithMessage(string text, string expected)
    {
        Refused(text).Should().Be(expected);
    }
}
