using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Entra.Actions.Tests.TestSupport;

namespace Entra.Actions.Tests.Validation;

/// <summary>
/// Property-style check over the whole pipeline (actions → real Graph SDK → HTTP): thousands of random and hostile
/// ids never produce a request outside <c>/users/{one segment}</c> or <c>/groups/{guid}/...</c>, and a DELETE is
/// always a <c>/$ref</c>. Seeded, so a failure reproduces.
/// </summary>
public sealed partial class HostileIdPropertyTests : IDisposable
{
    private const string Guid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private const string ValidGroup = "02bd9fd6-8f93-4758-87c3-1fb73740a315";
    private const string ValidUser = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    private readonly GraphTestHost _host = new(o => o.MaxRetryAttempts = 0);

    public HostileIdPropertyTests()
    {
        _host.Handler.Fallback = request => request.Method switch
        {
            "GET" when request.WirePath.StartsWith("/v1.0/groups/", StringComparison.Ordinal) => StubGraphHandler.Create(HttpStatusCode.OK, GraphPayloads.SecurityGroup(ValidGroup)),
            "GET" => StubGraphHandler.Create(HttpStatusCode.OK, GraphPayloads.Adele),
            _ => StubGraphHandler.Create(HttpStatusCode.NoContent),
        };
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task AllActions_RandomAndHostileIds_NeverLeaveTheExpectedPaths()
    {
        var random = new Random(20261126);
        var ids = KnownHostileIds.Concat(Enumerable.Range(0, 3000).Select(_ => NextId(random))).ToList();

        foreach (var id in ids)
        {
            await _host.Actions.LookupUserAsync(id);
            await _host.Actions.LookupGroupAsync(id);
            await _host.Actions.AddUserToGroupAsync(id, ValidGroup);
            await _host.Actions.AddUserToGroupAsync(ValidUser, id);
            await _host.Actions.RemoveMemberFromGroupAsync(id, ValidGroup);
            await _host.Actions.RemoveMemberFromGroupAsync(ValidUser, id);
        }

        var requests = _host.Handler.Requests;
        requests.Should().HaveCountGreaterThan(1000, "the generator must also produce ids that pass validation, or the property says nothing");
        foreach (var request in requests)
        {
            IsAllowed(request).Should().BeTrue($"{request.Method} {request.Uri.OriginalString} must stay on an expected path");
        }
    }

    private static bool IsAllowed(RecordedRequest request)
    {
        var path = request.WirePath;
        if (request.Uri.Fragment.Length > 0 || (request.Query.Length > 0 && !SelectQuery().IsMatch(request.Query)))
        {
            return false;
        }

        return request.Method switch
        {
            "GET" => GroupRead().IsMatch(path) || (UserRead().Match(path) is { Success: true } user && IsOneSafeSegment(user.Groups[1].Value)),
            "POST" => AddPath().IsMatch(path),
            "DELETE" => RemovePath().IsMatch(path),
            _ => false,
        };
    }

    private static bool IsOneSafeSegment(string escaped)
    {
        var segment = Uri.UnescapeDataString(escaped);
        return segment.Length > 0 && segment is not ("." or "..") && !segment.Contains('/') && !segment.Contains('\\')
            && !segment.Contains('?') && !segment.Contains('$', StringComparison.Ordinal) && !segment.Any(char.IsControl);
    }

    private static readonly string[] KnownHostileIds =
    [
        "", " ", "\t", ".", "..", "...", "./", "../", "..%2F", "%2e%2e", "%2E%2E", ".%2e", "/", "//", "\\", "?", "#", "$", "$ref", "$batch",
        "../groups/" + ValidGroup, "..\\..", ValidUser + "/..", ValidUser + "/$ref", ValidUser + "?$select=passwordProfile", ValidUser + "#x",
        " " + ValidUser, ValidUser + " ", ValidUser + "\n", "{" + ValidUser + "}", ValidUser.ToUpperInvariant(), ValidUser.Replace("-", string.Empty, StringComparison.Ordinal),
        "$x@contoso.com", "a/b@contoso.com", "a?b@contoso.com", "a#b@contoso.com/..", "..@contoso.com", "user@..", "user@contoso..com", "@contoso.com", "user@",
        "AdeleV@contoso.com", "AdeleVance_adatum.com#EXT#@contoso.onmicrosoft.com", "user@contoso.com/../../groups", "user%40contoso.com",
        "\u0000", "user\u0000@contoso.com", "\u202Euser@contoso.com", "ü@contoso.com", "user@cöntoso.com", "' OR 1=1 --", "users('x')",
        "00000000-0000-0000-0000-000000000000", new string('a', 200) + "@contoso.com",
    ];

    private const string Alphabet = "abcXYZ019-_.@#$%/\\?&=+'!^~()[]{}:;, \t\n\u0000\u007f\u00fc\u2028";

    private static string NextId(Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                return System.Guid.NewGuid().ToString();
            case 1:
                return $"user{random.Next(1000)}@contoso{random.Next(10)}.com";
            case 2:
                return Mutate(random, System.Guid.NewGuid().ToString());
            case 3:
                return Mutate(random, $"guest_fabrikam.com#EXT#@contoso.onmicrosoft.com");
            default:
                var text = new StringBuilder();
                var length = random.Next(0, 24);
                for (var i = 0; i < length; i++)
                {
                    text.Append(Alphabet[random.Next(Alphabet.Length)]);
                }

                return text.ToString();
        }
    }

    private static string Mutate(Random random, string value)
    {
        var text = new StringBuilder(value);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var position = random.Next(text.Length + 1);
            var piece = random.Next(4) switch
            {
                0 => "/..",
                1 => "%2e",
                2 => Alphabet[random.Next(Alphabet.Length)].ToString(),
                _ => "/$ref",
            };
            text.Insert(position, piece);
        }

        return text.ToString();
    }

    [GeneratedRegex($"^/v1\\.0/groups/{Guid}$")]
    private static partial Regex GroupRead();

    [GeneratedRegex("^/v1\\.0/users/([^/]+)$")]
    private static partial Regex UserRead();

    [GeneratedRegex($"^/v1\\.0/groups/{Guid}/members/\\$ref$")]
    private static partial Regex AddPath();

    [GeneratedRegex($"^/v1\\.0/groups/{Guid}/members/{Guid}/\\$ref$")]
    private static partial Regex RemovePath();

    [GeneratedRegex("^\\?\\$select=[A-Za-z0-9_,]+$")]
    private static partial Regex SelectQuery();
}
