using System.Text;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// Generates hostile ids: empty and whitespace, path segments and separators, percent-encoded traversal, query and fragment
/// characters, OData system segments, control and invisible characters, Unicode lookalikes, overlong strings, near-miss GUIDs,
/// userPrincipalNames with quotes and slashes, <c>#EXT#</c> variants and random bytes. Deterministic for a seed.
/// </summary>
internal static class HostileIds
{
    private static readonly string[] Fixed =
    [
        string.Empty, " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000", ".", "..", "...", "./", "../", "..\\", "/", "\\", "//",
        "%2e", "%2e%2e", "%2E%2E", "%2e%2e%2f", "..%2f", "%2e%2e/", "%252e%252e", "..%252f", "%c0%ae%c0%ae", "%u002e%u002e", ".%2e", "%2e.",
        "?", "#", "&", "=", "?$select=*", "#fragment", "&$filter=true", "a?b", "a#b", "a&b", "$ref", "/$ref", "$batch", "/$batch", "$value",
        "$count", "$metadata", "$expand=members", "members", "members/$ref", "memberOf", "delta", "getByIds", "..;", ";", ",", "'", "\"", "''",
        "(", ")", "*", "%", "%%", "%00", "%0a", "%0d%0a", "%20", "+", "@", "@@", "a@", "@b.com", "null", "undefined", "NaN", "true", "0", "-1",
        "users", "groups", "me", "organization", "directoryObjects", "v1.0", "beta", "/v1.0/users", "https://graph.microsoft.com/v1.0/users",
        "http://127.0.0.1/", "file:///etc/passwd", "\\\\server\\share", "C:\\Windows", "~", "~root", "{id}", "{{id}}", "${id}", "<script>",
        "'; DROP TABLE users; --", "' or 1 eq 1 or id eq '", ") or (1 eq 1", "id eq 'x'", "startswith(id,'a')",
    ];

    private static readonly string[] GoodGuids =
    [
        "7f5e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ];

    private static readonly string[] Controls = ["\u0000", "\u0001", "\u0007", "\u0008", "\u001b", "\u007f", "\u0085", "\u200b", "\u200d", "\u200e", "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffe", "\ud800", "\udc00"];

    // Fullwidth and other lookalikes of '.', '/', '\', '@', '-', '#', digits and letters.
    private static readonly string[] Lookalikes = ["\uff0e", "\uff0f", "\uff3c", "\uff20", "\u2215", "\u2044", "\u29f8", "\u2024", "\u3002", "\u2010", "\u2011", "\u2212", "\uff03", "\uff10", "\u0430", "\u0435", "\u043e", "\u0441", "\u0501", "\u0391", "\u212a", "\u2126", "\u0131", "\u017f"];

    public static List<string> Generate(int seed, string realUser, string realUpn, string realGroup)
    {
        var random = new Random(seed);
        var ids = new List<string>(Fixed);
        foreach (var prefix in new[] { string.Empty, "/", "../", "%2e%2e/", "%2e%2e%2f", "./" })
        {
            foreach (var target in new[] { realUser, realGroup, realUpn, "x" })
            {
                ids.Add(prefix + target);
                ids.Add(target + "/" + prefix.TrimEnd('/'));
                ids.Add(realGroup + "/members/" + prefix + target);
            }
        }

        foreach (var real in new[] { realUser, realGroup, realUpn })
        {
            ids.AddRange(
            [
                real + "/$ref", real + "/members/$ref", real + "/members", real + "?$select=id", real + "#", real + "&", real + "?",
                real + "/", "/" + real, real + "\\", real + "/..", real + "/%2e%2e", real + "%2f%2e%2e", real + "%2F..%2F", real + "/$batch",
                real + "%00", real + "\u0000", real + "\n", " " + real, real + " ", real + "\t", "\u200b" + real, real + "\u200b", real.ToUpperInvariant(),
                "{" + real + "}", "(" + real + ")", "'" + real + "'", "\"" + real + "\"", real + real, real + "," + real, real + ";" + real,
                real + "/memberOf", real + "/transitiveMembers", real + "/owners/$ref", real + "/$value", Uri.EscapeDataString(real),
                Uri.EscapeDataString(Uri.EscapeDataString(real)),
            ]);
        }

        foreach (var c in Controls)
        {
            ids.Add(c);
            ids.Add("a" + c + "b@contoso.com");
            ids.Add(GoodGuids[0][..10] + c + GoodGuids[0][11..]);
            ids.Add(realUser + c);
        }

        foreach (var look in Lookalikes)
        {
            ids.Add(look);
            ids.Add(look + look);
            ids.Add("adele" + look + "vance@contoso.com");
            ids.Add("adele@contoso" + look + "com");
            ids.Add(realUser.Replace("-", look, StringComparison.Ordinal));
            ids.Add(realUser[..5] + look + realUser[6..]);
        }

        foreach (var n in new[] { 37, 64, 113, 114, 255, 256, 257, 1024, 4096, 65_536, 300_000 })
        {
            ids.Add(new string('a', n));
            ids.Add(new string('a', Math.Max(1, n - 12)) + "@contoso.com");
            ids.Add(string.Concat(Enumerable.Repeat("../", n / 3)));
            ids.Add(string.Concat(Enumerable.Repeat("%2e%2e%2f", n / 9 + 1)));
        }

        ids.AddRange(GuidNearMisses(random, 3_000));
        ids.AddRange(UpnVariants(random, 3_000));
        ids.AddRange(GuestVariants());
        for (var i = 0; i < 3_000; i++)
        {
            ids.Add(RandomText(random, random.Next(1, 80)));
        }

        for (var i = 0; i < 1_500; i++)
        {
            ids.Add(Splice(random, realUser));
        }

        return ids;
    }

    private static IEnumerable<string> GuidNearMisses(Random random, int count)
    {
        foreach (var good in GoodGuids)
        {
            yield return good[..^1];
            yield return good + "0";
            yield return good.Replace("-", string.Empty, StringComparison.Ordinal);
            yield return "{" + good + "}";
            yield return "(" + good + ")";
            yield return good.Replace('-', '_');
            yield return good.Replace('-', '/');
            yield return good.Replace('-', '.');
            yield return good[..8] + "-" + good[9..13] + "--" + good[14..];
            yield return good.Insert(18, "/");
            yield return "0x" + good;
            yield return good + "/../" + good;
        }

        for (var i = 0; i < count; i++)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var chars = new Guid(bytes).ToString().ToCharArray();
            const string replacements = "gGzZ/\\.?#&%$'\" \u0000\uff10-_@";
            chars[random.Next(chars.Length)] = replacements[random.Next(replacements.Length)];
            yield return new string(chars);
        }
    }

    private static IEnumerable<string> UpnVariants(Random random, int count)
    {
        string[] bad = ["'", "\"", "/", "\\", "?", "#", "&", "%", "$", " ", ",", ";", "(", ")", "*", "..", "%2f", "%2e%2e", "/../", "'')", ") or (", "\u0000", "\n", "\uff0f", "+"];
        foreach (var b in bad)
        {
            yield return "adele" + b + "vance@contoso.com";
            yield return b + "adele@contoso.com";
            yield return "adele@" + b + "contoso.com";
            yield return "adele@contoso.com" + b;
            yield return "adele@contoso" + b + ".com";
        }

        yield return "o'brien@contoso.com";
        yield return "o''brien@contoso.com";
        yield return "'@contoso.com";
        yield return "adele@contoso.com'";
        yield return "adele')&$filter=true&x=('@contoso.com";
        yield return "a@b";
        yield return "a@b.";
        yield return "a@.b";
        yield return "a@@b.com";
        yield return ".a@b.com";
        yield return "a.@b.com";
        yield return "a..b@b.com";
        yield return "a@-b.com";
        yield return "a@b-.com";
        for (var i = 0; i < count; i++)
        {
            var local = RandomFrom(random, "abcXYZ019'._-!#^~/\\?&%$\"", random.Next(1, 20));
            var domain = RandomFrom(random, "abcxyz019-./%", random.Next(1, 20));
            yield return local + "@" + domain;
        }
    }

    private static IEnumerable<string> GuestVariants()
    {
        foreach (var tail in new[] { "#EXT#", "#EXT", "EXT#", "#ext#", "##EXT##", "#EXT#/", "#EXT#/..", "#EXT#?", "#EXT#%2f", "%23EXT%23", "#EXT#\u0000", "#\uff25XT#" })
        {
            yield return "guest_fabrikam.com" + tail + "@contoso.onmicrosoft.com";
            yield return "guest_fabrikam.com" + tail + "@";
            yield return "guest" + tail;
            yield return tail + "@contoso.onmicrosoft.com";
            yield return "guest'_fabrikam.com" + tail + "@contoso.onmicrosoft.com";
            yield return "guest/_fabrikam.com" + tail + "@contoso.onmicrosoft.com";
        }
    }

    private static string RandomText(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return random.Next(3) switch
        {
            0 => Encoding.Latin1.GetString(bytes),
            1 => Encoding.UTF8.GetString(bytes),
            _ => new string(bytes.Select(b => (char)(b | (random.Next(256) << 8))).ToArray()),
        };
    }

    private static string RandomFrom(Random random, string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    private static string Splice(Random random, string real)
    {
        var insert = new[] { "/", "\\", "..", "%2f", "?", "#", "&", "$ref", "\u0000", "'", "\"", " ", "\uff0f" }[random.Next(13)];
        return real.Insert(random.Next(real.Length + 1), insert);
    }
}
