using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// The explicit allow-list of requests the library is meant to send to Graph: method + path (+ query, + body where it names
/// objects). Top-level requests and <c>$batch</c> steps are both checked (the emulator journals each step on its own). An id in a
/// path is a GUID, or for <c>GET /users/{id}</c> a percent-encoded userPrincipalName in Entra's alphabet; nothing else passes.
/// </summary>
internal static partial class WireShapes
{
    private const string Guid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private const string Select = @"\$select=[A-Za-z0-9_,]+";

    /// <summary>Whether <paramref name="entry"/> has one of the allowed shapes; <paramref name="why"/> names the first mismatch.</summary>
    public static bool IsAllowed(JournalEntry entry, out string why)
    {
        var path = entry.RawPath;
        var query = Decode(entry.Query) ?? "\u0000undecodable";
        var step = entry.BatchStepId is not null;
        why = string.Empty;
        var allowed = (entry.Method, step) switch
        {
            ("GET", _) when UserPath().IsMatch(path) => IsUserSegment(path["/v1.0/users/".Length..]) && (query.Length == 0 || SelectOnly().IsMatch(query)),
            ("GET", _) when GroupPath().IsMatch(path) => query.Length == 0 || SelectOnly().IsMatch(query),
            ("GET", _) when MembersPath().IsMatch(path) => MembersQuery().IsMatch(query),
            ("GET", true) when path == "/v1.0/users" => FilterById().IsMatch(query) || FilterByName().IsMatch(query),
            ("GET", false) when path == "/v1.0/organization" => query == "$select=id,displayName,verifiedDomains",
            ("POST", false) when RefPath().IsMatch(path) => query.Length == 0 && IsReferenceBody(entry.Body),
            ("PATCH", _) when GroupPath().IsMatch(path) => query.Length == 0 && IsBindBody(entry.Body),
            ("DELETE", _) when MemberRefPath().IsMatch(path) => query.Length == 0,
            ("POST", false) when path == "/v1.0/$batch" => query.Length == 0,
            ("POST", false) when path == "/v1.0/directoryObjects/getByIds" => query.Length == 0,
            _ => false,
        };
        if (!allowed)
        {
            why = $"{(step ? "batch step " : string.Empty)}{entry.Method} {path}{(entry.Query.Length > 0 ? "?" + entry.Query : string.Empty)}";
        }

        return allowed;
    }

    /// <summary>A DELETE that is not of a membership reference would delete the object itself.</summary>
    public static bool IsDeleteWithoutRef(JournalEntry entry) =>
        entry.Method == "DELETE" && !(Decode(entry.RawPath) ?? entry.RawPath).EndsWith("/$ref", StringComparison.Ordinal);

    private static bool IsUserSegment(string raw)
    {
        if (GuidOnly().IsMatch(raw))
        {
            return true;
        }

        // Percent-encoded as Uri.EscapeDataString writes it: unreserved characters and %XX only, then an Entra userPrincipalName.
        if (!EncodedSegment().IsMatch(raw) || Decode(raw) is not { } name)
        {
            return false;
        }

        return name.Length <= 113 && UserPrincipalName().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);
    }

    /// <summary><c>{"@odata.id": ".../directoryObjects/{guid}"}</c> and nothing else.</summary>
    private static bool IsReferenceBody(string? body) =>
        Parse(body) is { } json && json.Count == 1 && json["@odata.id"] is JsonValue v && v.TryGetValue<string>(out var url) && DirectoryObjectUrl().IsMatch(url);

    /// <summary><c>{"@odata.type": "#microsoft.graph.group", "members@odata.bind": [".../directoryObjects/{guid}", ...]}</c>, 1 to 20 ids.</summary>
    private static bool IsBindBody(string? body)
    {
        if (Parse(body) is not { } json || json["members@odata.bind"] is not JsonArray { Count: >= 1 and <= 20 } members)
        {
            return false;
        }

        foreach (var (name, value) in json)
        {
            if (name is not ("members@odata.bind" or "@odata.type")
                || (name == "@odata.type" && !(value is JsonValue t && t.TryGetValue<string>(out var type) && type == "#microsoft.graph.group")))
            {
                return false;
            }
        }

        return members.All(m => m is JsonValue v && v.TryGetValue<string>(out var url) && DirectoryObjectUrl().IsMatch(url));
    }

    private static JsonObject? Parse(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^/v1\\.0/users/[^/]+$")]
    private static partial Regex UserPath();

    [GeneratedRegex("^/v1\\.0/groups/" + Guid + "$")]
    private static partial Regex GroupPath();

    [GeneratedRegex("^/v1\\.0/groups/" + Guid + "/members$")]
    private static partial Regex MembersPath();

    [GeneratedRegex("^/v1\\.0/groups/" + Guid + "/members/\\$ref$")]
    private static partial Regex RefPath();

    [GeneratedRegex("^/v1\\.0/groups/" + Guid + "/members/" + Guid + "/\\$ref$")]
    private static partial Regex MemberRefPath();

    [GeneratedRegex("^" + Guid + "$")]
    private static partial Regex GuidOnly();

    [GeneratedRegex("^[A-Za-z0-9._~%-]+$")]
    private static partial Regex EncodedSegment();

    [GeneratedRegex("^[A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$")]
    private static partial Regex UserPrincipalName();

    [GeneratedRegex("^" + Select + "$")]
    private static partial Regex SelectOnly();

    [GeneratedRegex("^\\$select=id&\\$top=[0-9]+(&\\$skiptoken=[A-Za-z0-9_=-]+)?$")]
    private static partial Regex MembersQuery();

    [GeneratedRegex("^\\$filter=id in \\('" + Guid + "'(,'" + Guid + "')*\\)&" + Select + "$")]
    private static partial Regex FilterById();

    // A name inside an OData literal: Entra's alphabet without '#' (guests are read one at a time), a quote doubled.
    [GeneratedRegex("^\\$filter=userPrincipalName in \\('([A-Za-z0-9._!^~-]|'')+@[A-Za-z0-9.-]+'(,'([A-Za-z0-9._!^~-]|'')+@[A-Za-z0-9.-]+')*\\)&" + Select + "$")]
    private static partial Regex FilterByName();

    [GeneratedRegex("^https?://[^/]+/v1\\.0/directoryObjects/" + Guid + "$")]
    private static partial Regex DirectoryObjectUrl();
}
