using System.Globalization;
using System.Text;
using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>
/// Query text an attacker or a careless flow might send, through Search users and Find group against the emulator: quotes,
/// OData operators and functions, URL syntax, encodings, JSON, long and exotic text. Each call either answers exactly what a
/// C# oracle over the emulator's model answers (after one request that Graph accepted) or is refused as InvalidInput before any
/// request; nothing else. Users and groups whose names are themselves hostile are seeded so that many answers are not empty.
/// </summary>
public abstract class HostileQueryTextTests : EmulatorTestBase
{
    private const string HostileName = "O'Brien & Sons #1 (test)";

    /// <summary>Text that is valid (1 to 256 characters after trimming, no control characters, well-formed UTF-16).</summary>
    public static readonly string[] Accepted =
    [
        "'", "''", "'''", "O'Brien", "O''Brien", "' or 1 eq 1 or startswith(displayName,'", "') or true or ('",
        "a' or startswith(displayName,'", "x' eq 'x", "' and 1 eq 1", "startswith(displayName,'a')", "eq", "or", "ne null",
        "displayName eq 'Adele Vance'", "Adele Vance' or displayName eq '", "any(x:x eq 'a')", "contains(displayName,'a')",
        "endswith(mail,'.com')", "not(startswith(displayName,'x'))", "$filter=true", "&$top=999", "a&b", "a#b", "#EXT#", "?",
        "?$select=id", "%27", "%2527", "%", "%%", "%00", "+", "a+b", "/", "../", "..", "..\\..\\", "/users/", "$top=999",
        "$search=\"displayName:a\"", "$count=true", "\\", "\\'", "\"", "\"displayName:a\"", "{\"a\":1}", "[\"x\"]",
        "<script>alert(1)</script>", "; DROP TABLE users; --", "*", "(", ")", "()", ",", "=", "Ädele", "Adéle", "😀",
        "😀 Smiley", "שלום", "\u202Eevil", "a\u200Bb", "\u200B", "\uFEFF", "中文名字", "null", "true", "Adele%20Vance",
        "@", "@contoso.com", "AdeleV@contoso.com'", "\u0130", "ß", "\tAdele\n", " O'Brien & ", HostileName, "O'Brien & Sons #1",
        "50% off", "R&D + QA / 50%", "' or '' = '", "%27 or 1 eq 1", "a'b'c", "\\u0027", "&#39;", "%u0027",
        new string('a', 256), new string('\'', 256), string.Concat(Enumerable.Repeat("😀", 128)), new string('中', 256),
        " " + new string('\'', 254) + " ",
    ];

    /// <summary>Text that must be refused before any request: too long, control characters, broken UTF-16, blank.</summary>
    public static readonly string[] Refused =
    [
        new string('a', 257), new string('\'', 257), new string('中', 300), "  " + new string('a', 255), "a\u0000b", "a\u0001b",
        "a\tb", "a\nb", "a\r\nb", "O'Brien\u007F", "a\u0085b", "\uD800", "a\uDC00b", "x\uDBFF", "   ", "\t\n",
    ];

    protected override GraphEmulator CreateEmulator()
    {
        var emulator = base.CreateEmulator();
        string[] names = [HostileName, "' or 1 eq 1", "%27 percent", "a+b plus", "50% off", "\"quoted\" name", "😀 Smiley", "שלום עולם", "\\ back slash", "R&D + QA / 50%"];
        for (var i = 0; i < names.Length; i++)
        {
            emulator.Directory.AddUser(QueryOracle.User(names[i], string.Create(CultureInfo.InvariantCulture, $"hostile{i}")));
            emulator.Directory.AddGroup(QueryOracle.Security(names[i]));
        }

        return emulator;
    }

    [Fact]
    public void Corpus_IsLargeAndEachListedOnce()
    {
        (Accepted.Length + Refused.Length).Should().BeGreaterThanOrEqualTo(60);
        Accepted.Concat(Refused).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task SearchUsers_AcceptedHostileText_ExactlyTheOracleAfterOneAcceptedRequest()
    {
        var wrong = new List<string>();
        foreach (var query in Accepted)
        {
            Emulator.Journal.Clear();
            var expected = QueryOracle.SearchUsers(Emulator.Directory, query);

            var result = await Queries.SearchUsersAsync(query, limit: 999);

            var requests = Emulator.Journal.Entries;
            if (!result.Succeeded || !result.Value!.Users.Select(u => u.Id).SequenceEqual(expected) || result.Value.Truncated
                || requests.Count != 1 || requests[0].StatusCode != 200)
            {
                wrong.Add($"{Show(query)}: {result} after [{string.Join(", ", requests)}], expected {expected.Count} user(s)");
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task FindGroup_AcceptedHostileText_ExactlyTheOracleAfterOneAcceptedRequest()
    {
        var wrong = new List<string>();
        foreach (var name in Accepted)
        {
            Emulator.Journal.Clear();
            var expected = QueryOracle.FindGroups(Emulator.Directory, name);

            var result = await Queries.FindGroupAsync(name);

            var requests = Emulator.Journal.Entries;
            var right = expected.Count switch
            {
                0 => result.Error?.Kind == EntraErrorKind.NotFound,
                1 => result.Succeeded && result.Value!.Id == expected[0],
                _ => result.Error?.Kind == EntraErrorKind.Ambiguous,
            };
            if (!right || requests.Count != 1 || requests[0].StatusCode != 200)
            {
                wrong.Add($"{Show(name)}: {result} after [{string.Join(", ", requests)}], expected {expected.Count} group(s)");
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task BothActions_RefusedText_InvalidInputWithoutARequest()
    {
        var wrong = new List<string>();
        foreach (var text in Refused)
        {
            var search = await Queries.SearchUsersAsync(text);
            var find = await Queries.FindGroupAsync(text);

            if (search.Error?.Kind != EntraErrorKind.InvalidInput || find.Error?.Kind != EntraErrorKind.InvalidInput)
            {
                wrong.Add($"{Show(text)}: search {search}, find {find}");
            }
        }

        wrong.Should().BeEmpty();
        Emulator.Journal.Count.Should().Be(0, "refused text never reaches Graph");
    }

    [Fact]
    public async Task SearchUsers_LongerThanGraphsStartswithLimit_AsksForTheFirst120AndNarrowsToTheWholePrefix()
    {
        var stem = new string('中', 130);
        var whole = stem + "甲";
        Seed(whole + "乙", stem + "丙");

        var search = await Queries.SearchUsersAsync(whole);
        var cjk = await Queries.SearchUsersAsync(new string('中', 256));

        search.Value!.Users.Select(u => u.DisplayName).Should().Equal(whole + "乙");
        cjk.Succeeded.Should().BeTrue(cjk.ToString());
        cjk.Value!.Users.Should().BeEmpty();
        Emulator.Journal.Entries.Should().HaveCount(2).And.OnlyContain(e => e.StatusCode == 200, "Graph refuses a startswith value over 120 characters; none is sent");
    }

    private void Seed(params string[] displayNames)
    {
        foreach (var name in displayNames)
        {
            Emulator.Directory.AddUser(new EmulatedUser { Id = Guid.NewGuid(), DisplayName = name, UserPrincipalName = $"u{Guid.NewGuid():N}@contoso.com" });
        }
    }

    [Theory]
    [InlineData(256, '\'')] // 512 bytes once doubled: the worst ASCII case still fits
    [InlineData(128, '\uFFFD')] // 384 bytes
    public async Task SearchUsers_LongestTextThatFits_OneAcceptedRequest(int length, char c)
    {
        var text = new string(c, length);

        var result = await Queries.SearchUsersAsync(text);

        result.Succeeded.Should().BeTrue(result.ToString());
        Emulator.Journal.Entries.Should().ContainSingle().Which.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task SearchUsers_HostileDisplayName_FoundByItsExactHostilePrefixAndOnlyByIt()
    {
        var seeded = Emulator.Directory.Users.Single(u => u.DisplayName == HostileName).Id.ToString();

        var exact = await Queries.SearchUsersAsync(HostileName);
        var prefix = await Queries.SearchUsersAsync("o'brien & sons #");
        var other = await Queries.SearchUsersAsync("O'Brien & Sons #2");
        var doubled = await Queries.SearchUsersAsync("O''Brien & Sons #1");
        var encoded = await Queries.SearchUsersAsync("O%27Brien");
        var padded = await Queries.SearchUsersAsync("O'Brien & Sons #1 (test) ");

        exact.Value!.Users.Select(u => u.Id).Should().Equal(seeded);
        prefix.Value!.Users.Select(u => u.Id).Should().Equal(seeded);
        padded.Value!.Users.Select(u => u.Id).Should().Equal(new[] { seeded }, "trailing white space is ignored");
        other.Value!.Users.Should().BeEmpty("the text after '#' is matched, not cut off as a URL fragment");
        doubled.Value!.Users.Should().BeEmpty("a doubled quote in the input is two quotes, not an escape");
        encoded.Value!.Users.Should().BeEmpty("percent-encoding in the input is text, not decoded");
    }

    [Fact]
    public async Task FindGroup_HostileDisplayName_FoundByItsExactNameOnly()
    {
        var seeded = Emulator.Directory.Groups.Single(g => g.DisplayName == HostileName).Id.ToString();

        var exact = await Queries.FindGroupAsync(HostileName.ToUpperInvariant());
        var prefix = await Queries.FindGroupAsync("O'Brien & Sons #1");

        exact.Value!.Id.Should().Be(seeded);
        prefix.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
    }

    [Fact]
    public async Task SearchUsers_InjectionThatWouldMatchEveryone_MatchesOnlyTheUserNamedLikeIt()
    {
        var named = Emulator.Directory.Users.Single(u => u.DisplayName == "' or 1 eq 1").Id.ToString();

        var result = await Queries.SearchUsersAsync("' or 1 eq 1");

        result.Value!.Users.Select(u => u.Id).Should().Equal(named);
        Emulator.Directory.Users.Count.Should().BeGreaterThan(30, "an injected 'or true' would have listed them all");
    }

    private static string Show(string text) =>
        text.Length > 40 ? $"{text.Length} chars starting {EscapeForMessage(text[..20])}" : EscapeForMessage(text);

    private static string EscapeForMessage(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text)
        {
            _ = char.IsControl(c) || char.IsSurrogate(c) ? shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)) : shown.Append(c);
        }

        return shown.ToString();
    }

    public sealed class InProcess : HostileQueryTextTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : HostileQueryTextTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
