using System.Net;
using System.Text;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Graph;

/// <summary>
/// Search users and Find group over the real pipeline with hostile text: whatever the text, the request carries exactly
/// $filter, $select and $top, and $filter is exactly the expected clauses around one OData literal that reads back as the text.
/// </summary>
public sealed class GraphQueryHostileInputTests : IDisposable
{
    private const string EmptyPage = """{"value":[]}""";
    private readonly GraphTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private IEntraQueryActions Queries => _host.Services.GetRequiredService<IEntraQueryActions>();

    /// <summary>Text that tries to end the literal, add clauses or parameters, or confuse decoding.</summary>
    public static TheoryData<string> Corpus => new(Texts);

    private static readonly string[] Texts =
    [
        "'",
        "''",
        "'''",
        "\\'",
        "')",
        "O'Brien",
        "' or 1 eq 1 or startswith(displayName,'",
        "a') or startswith(mail,'",
        "%27",
        "%2527",
        "%",
        "%%20",
        "&$filter=id eq 'x'",
        "&$top=999",
        "a&b=c",
        "#",
        "#fragment",
        "?",
        "?$select=*",
        "+",
        "a+b",
        "/",
        "../groups",
        "\\",
        "*",
        "\"",
        "$search=\"a\"",
        "$filter",
        "eq",
        "a eq 'b'",
        "a;b,c:d@e=f",
        "{}[]()<>|^`~!",
        "Ade Vance",
        "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD",
        "\u202Eevil\u202C",
        "\u200F'\u200E",
        "\uD83D\uDE00'\uD83D\uDC4D",
        "e\u0301\u0302\u0303'",
        "\u0627\u0644\u0639\u0631\u0628\u064A\u0629",
        "\u65E5\u672C\u8A9E",
        "\uFEFFbom",
        "\u00A0x",
        new string('\'', 256),
        new string('a', 255) + "'",
        string.Concat(Enumerable.Repeat("%27&", 64)),
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task SearchUsersAsync_HostileText_SendsExactlyFiveStartswithClausesAroundTheText(string text)
    {
        _host.Handler.Respond(HttpStatusCode.OK, EmptyPage);

        var result = await Queries.SearchUsersAsync(text, 25);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        var parameters = Parameters(_host.Handler.Requests.Should().ContainSingle().Subject, "/v1.0/users");
        parameters["$select"].Should().Be("id,displayName,givenName,surname,mail,userPrincipalName,jobTitle");
        parameters["$top"].Should().Be("26");

        // Graph takes at most 120 characters of a startswith value: a longer text is asked for by its first 120.
        var sent = GraphLimits.StartsWithValue(text.Trim());
        sent.Length.Should().BeLessThanOrEqualTo(GraphLimits.MaxStartsWithLength);
        var literal = "'" + sent.Replace("'", "''", StringComparison.Ordinal) + "'";
        var filter = parameters["$filter"];
        filter.Should().Be(string.Join(" or ", GraphQueryReader.SearchedUserProperties.Select(p => $"startswith({p},{literal})")));
        ReadLiteral(filter, "startswith(displayName,", out var rest).Should().Be(sent);
        text.Trim().Should().StartWith(sent);
        rest.Should().StartWith(") or startswith(givenName,'");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task FindGroupAsync_HostileText_SendsExactlyThreeEqClausesAroundTheText(string text)
    {
        _host.Handler.Respond(HttpStatusCode.OK, EmptyPage);

        var result = await Queries.FindGroupAsync(text);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound, "an empty answer is no group");
        var parameters = Parameters(_host.Handler.Requests.Should().ContainSingle().Subject, "/v1.0/groups");
        parameters["$select"].Should().Be(GraphModels.DefaultGroupSelect);
        parameters["$top"].Should().Be("11");

        var literal = "'" + text.Trim().Replace("'", "''", StringComparison.Ordinal) + "'";
        var filter = parameters["$filter"];
        filter.Should().Be($"displayName eq {literal} or mail eq {literal} or mailNickname eq {literal}");
        ReadLiteral(filter, "displayName eq ", out var rest).Should().Be(text.Trim());
        rest.Should().StartWith(" or mail eq '");
    }

    [Fact]
    public void Corpus_TextsAreAllValidInput()
    {
        foreach (var text in Texts)
        {
            Entra.Actions.Validation.Internal.QueryTextValidator.TryValidate(text, "Query", 256, out _, out var error)
                .Should().BeTrue($"'{text}' belongs in the corpus of accepted hostile text: {error?.Message}");
        }
    }

    [Theory]
    [InlineData(1, "2")]
    [InlineData(998, "999")]
    [InlineData(999, "999")]
    public async Task SearchUsersAsync_Limit_TopIsOneMoreCappedAt999(int limit, string top)
    {
        _host.Handler.Respond(HttpStatusCode.OK, EmptyPage);

        await Queries.SearchUsersAsync("Ade", limit);

        Parameters(_host.Handler.Requests.Single(), "/v1.0/users")["$top"].Should().Be(top);
    }

    [Fact]
    public async Task SearchUsersAsync_MoreThanTheLimit_ReturnsTheLimitTruncatedWithTheSevenFields()
    {
        _host.Handler.Respond(HttpStatusCode.OK, $$"""
            {"value":[{{GraphPayloads.Adele}},{"id":"{{TestData.UserId.Replace('8', '9')}}","displayName":"Adeline"},{"displayName":"no id"}]}
            """);

        var result = await Queries.SearchUsersAsync("Ade", 1);

        result.Value!.Truncated.Should().BeTrue();
        var adele = result.Value.Users.Should().ContainSingle().Subject;
        (adele.Id, adele.DisplayName, adele.GivenName, adele.Surname, adele.Mail, adele.UserPrincipalName, adele.JobTitle)
            .Should().Be((GraphPayloads.AdeleId, "Adele Vance", "Adele", "Vance", "AdeleV@contoso.com", "AdeleV@contoso.com", "Retail Manager"));
    }

    /// <summary>The request's parameters, decoded, after checking its path and that it has exactly $filter, $select and $top.</summary>
    private static Dictionary<string, string> Parameters(RecordedRequest request, string path)
    {
        request.Method.Should().Be("GET");
        request.WirePath.Should().Be(path);
        request.Uri.Fragment.Should().BeEmpty();
        var raw = request.Uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        raw.Should().NotContainAny(" ", "'", "#", "+", "\"");
        var parts = raw.Split('&');
        parts.Should().HaveCount(3, "the text must not add parameters: {0}", raw);
        parts.Select(p => p.Split('=', 2)[0]).Should().Equal("$filter", "$select", "$top");
        return parts.ToDictionary(p => p.Split('=', 2)[0], p => Uri.UnescapeDataString(p.Split('=', 2)[1]));
    }

    /// <summary>Reads the OData string literal after <paramref name="prefix"/> as an OData parser would: '' is a quote, ' alone ends it.</summary>
    private static string ReadLiteral(string filter, string prefix, out string rest)
    {
        filter.Should().StartWith(prefix + "'");
        var text = new StringBuilder();
        var i = prefix.Length + 1;
        while (true)
        {
            i.Should().BeLessThan(filter.Length, "the literal must be closed");
            if (filter[i] == '\'')
            {
                if (i + 1 < filter.Length && filter[i + 1] == '\'')
                {
                    text.Append('\'');
                    i += 2;
                    continue;
                }

                rest = filter[(i + 1)..];
                return text.ToString();
            }

            text.Append(filter[i++]);
        }
    }
}
