using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary><c>GET /users?$filter=startswith(...)</c> on the five name properties: case-insensitive prefix, <c>''</c> escapes, paging.</summary>
public class ListUsersStartsWithTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string[] Ids(Reply reply) => [.. reply.Json["value"]!.AsArray().Select(u => u!["id"]!.GetValue<string>())];

    private static string AllFive(string prefix)
    {
        var literal = prefix.Replace("'", "''", StringComparison.Ordinal);
        return string.Join(" or ", new[] { "displayName", "givenName", "surname", "mail", "userPrincipalName" }
            .Select(p => $"startswith({p},'{literal}')"));
    }

    private Task<Reply> ListAsync(string filter, string extra = "") =>
        Api.App(_emulator).GetAsync($"v1.0/users?$filter={Uri.EscapeDataString(filter)}{extra}");

    private string[] Expected(Func<EmulatedUser, bool> predicate) =>
        [.. _emulator.Directory.Users.Where(predicate).Select(u => u.Id.ToString())];

    [Theory]
    [InlineData("startswith(displayName,'adele')")]
    [InlineData("startswith(displayName,'ADELE V')")]
    [InlineData("startswith(givenName,'Ade')")]
    [InlineData("startswith(surname,'vanc')")]
    [InlineData("startswith(mail,'adelev@')")]
    [InlineData("startswith(userPrincipalName,'AdeleV@CONTOSO')")]
    [InlineData("startsWith(DisplayName,'Adele')")]
    public async Task ListUsers_StartsWithOnEachNameProperty_MatchesCaseInsensitively(string filter)
    {
        var reply = await ListAsync(filter);

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(DemoTenant.AdeleVanceId);
    }

    [Fact]
    public async Task ListUsers_StartsWithOnAllFive_ReturnsEveryUserMatchingAnyInDirectoryOrder()
    {
        var reply = await ListAsync(AllFive("a"));

        reply.Status.Should().Be(200);
        var expected = Expected(u => new[] { u.DisplayName, u.GivenName, u.Surname, u.Mail, u.UserPrincipalName }
            .Any(v => v?.StartsWith("a", StringComparison.OrdinalIgnoreCase) == true));
        expected.Length.Should().BeGreaterThan(3);
        Ids(reply).Should().Equal(expected);
    }

    [Fact]
    public async Task ListUsers_StartsWithIsPrefixNotContains_DoesNotMatchInnerText()
    {
        var reply = await ListAsync(AllFive("ance"));

        reply.Status.Should().Be(200);
        Ids(reply).Should().BeEmpty();
    }

    [Fact]
    public async Task ListUsers_StartsWithDoubledQuote_MatchesApostropheLiterally()
    {
        var id = Guid.NewGuid();
        _emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = "O'Brien, Pat", Surname = "O'Brien", UserPrincipalName = "pat@contoso.com" });

        var reply = await ListAsync(AllFive("o'b"));

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(id.ToString());
    }

    [Theory]
    [InlineData("' or startswith(displayName,'")]
    [InlineData("')")]
    [InlineData("%")]
    [InlineData("*")]
    public async Task ListUsers_StartsWithHostileTextEscaped_MatchesOnlyLiterally(string prefix)
    {
        var reply = await ListAsync(AllFive(prefix));

        reply.Status.Should().Be(200);
        Ids(reply).Should().BeEmpty();
    }

    [Fact]
    public async Task ListUsers_StartsWithTopAndNextLink_PagesThroughAllMatches()
    {
        var api = Api.App(_emulator);
        var first = await api.GetAsync($"v1.0/users?$filter={Uri.EscapeDataString(AllFive("a"))}&$top=2");
        var ids = Ids(first).ToList();
        var next = first.Json["@odata.nextLink"]?.GetValue<string>();
        while (next is not null)
        {
            next.Should().StartWith("https://graph.emulator.local/v1.0/users?");
            var page = await api.GetAsync(next);
            page.Status.Should().Be(200);
            ids.AddRange(Ids(page));
            next = page.Json["@odata.nextLink"]?.GetValue<string>();
        }

        Ids(first).Should().HaveCount(2);
        ids.Should().HaveCountGreaterThan(2).And.Equal(Expected(u => new[] { u.DisplayName, u.GivenName, u.Surname, u.Mail, u.UserPrincipalName }
            .Any(v => v?.StartsWith("a", StringComparison.OrdinalIgnoreCase) == true)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    public async Task ListUsers_StartsWithTopOutOfRange_Returns400(string top)
    {
        var reply = await ListAsync(AllFive("a"), $"&$top={top}");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_BadRequest");
        reply.ErrorMessage.Should().Be($"Invalid page size specified: '{top}'. Must be between 1 and 999 inclusive.");
    }

    [Theory]
    [InlineData("startswith(jobTitle,'Retail')", "The emulator does not support startswith on the property 'jobTitle' (only 'displayName', 'givenName', 'surname', 'mail' and 'userPrincipalName').")]
    [InlineData("startswith(displayName,'a'", "Invalid filter clause: expected ')' after 'startswith' arguments at position 26.")]
    [InlineData("startswith(displayName 'a')", "Invalid filter clause: expected ',' in 'startswith' at position 23.")]
    [InlineData("startswith(displayName,a)", "Invalid filter clause: expected a quoted string in 'startswith' at position 23.")]
    [InlineData("startswith('a',displayName)", "Invalid filter clause: expected a property name in 'startswith' at position 11.")]
    [InlineData("startswith(displayName,'a'')", "Invalid filter clause: unterminated string literal at position 23.")]
    public async Task ListUsers_StartsWithMalformedOrUnsupported_Returns400UnsupportedQuery(string filter, string message)
    {
        var reply = await ListAsync(filter);

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Be(message);
    }

    [Fact]
    public async Task ListUsers_StartsWithValueOver120Characters_Returns400LikeGraph()
    {
        var atLimit = await ListAsync($"startswith(displayName,'{new string('a', 120)}')");
        var over = await ListAsync($"startswith(displayName,'{new string('a', 121)}')");
        var overWithQuotes = await ListAsync($"startswith(surname,'{new string('\'', 121).Replace("'", "''", StringComparison.Ordinal)}')");

        atLimit.Status.Should().Be(200, "120 characters are accepted");
        over.Status.Should().Be(400);
        over.ErrorCode.Should().Be("Request_UnsupportedQuery");
        over.ErrorMessage.Should().Be("Unsupported or invalid query filter clause specified for property 'displayName' of resource 'User'.");
        overWithQuotes.Status.Should().Be(400, "the limit counts the value's characters, a doubled quote as one");
    }
}
