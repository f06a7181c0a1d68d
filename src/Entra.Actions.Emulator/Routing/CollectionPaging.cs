using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Pages a collection as Graph does: <c>$top</c>, <c>$skiptoken</c> next links, <c>$select</c>, <c>$count</c>, and refuses query options the emulator lacks.</summary>
internal static class CollectionPaging
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 999;

    /// <summary>Pages a collection with <c>$top</c>/<c>$skiptoken</c>/<c>$select</c>/<c>$count</c>. Call under the lock.
    /// <c>$filter</c> and <c>$search</c> are refused unless <c>filtered</c>/<c>searched</c> say the caller already applied them to the ids
    /// (only <c>GET /users</c> and <c>GET /groups</c> do).</summary>
    internal static EmulatorResponse Page(RequestContext ctx, string set, List<Guid> ids, GraphJson.Scope scope, bool withType, bool filtered = false, bool searched = false)
    {
        var query = ctx.Query;
        if (query.Get("search") is not null && !searched)
        {
            return ctx.HasEventualConsistency
                ? GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, "The emulator does not support $search.")
                : GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, CollectionSearch.NeedsEventualConsistency);
        }

        foreach (var option in new[] { "filter", "orderby", "expand" })
        {
            if (query.Get(option) is not null && !(filtered && option == "filter"))
            {
                return GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, $"The emulator does not support ${option}.");
            }
        }

        if (!EndpointSupport.TrySelect(ctx, scope, out var select, out var error))
        {
            return error!;
        }

        var top = DefaultPageSize;
        if (query.Top is { } topText
            && (!int.TryParse(topText, NumberStyles.Integer, CultureInfo.InvariantCulture, out top) || top < 1 || top > MaxPageSize))
        {
            return GraphErrors.BadRequest(ctx, $"Invalid page size specified: '{topText}'. Must be between 1 and {MaxPageSize} inclusive.");
        }

        var offset = 0;
        if (query.SkipToken is { } token && !TryDecodeSkipToken(token, out offset))
        {
            return GraphErrors.BadRequest(ctx, "Invalid skip token.");
        }

        var json = new JsonObject { ["@odata.context"] = GraphJson.CollectionContext(set, select) };
        if (query.CountRequested && ctx.HasEventualConsistency)
        {
            json["@odata.count"] = ids.Count;
        }

        var end = Math.Min(ids.Count, offset + top);
        if (end < ids.Count)
        {
            var next = new StringBuilder(ctx.Request.BaseAddress.GetLeftPart(UriPartial.Authority)).Append(ctx.Request.RawPath);
            next.Append("?$top=").Append(top.ToString(CultureInfo.InvariantCulture));

            // Carry every original query option ($count, $select, anything else) as sent, except $top (written above) and $skiptoken.
            foreach (var pair in ctx.Request.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).TrimStart('$');
                if (!name.Equals("top", StringComparison.OrdinalIgnoreCase) && !name.Equals("skiptoken", StringComparison.OrdinalIgnoreCase))
                {
                    next.Append('&').Append(pair);
                }
            }

            next.Append("&$skiptoken=").Append(EncodeSkipToken(end));
            json["@odata.nextLink"] = next.ToString();
        }

        var value = new JsonArray();
        for (var i = offset; i < end; i++)
        {
            value.Add(withType ? EndpointSupport.Render(ctx, ids[i], select) : scope == GraphJson.Scope.User
                ? GraphJson.User(ctx.Directory.UserUnlocked(ids[i])!, select)
                : GraphJson.Group(ctx.Directory.GroupUnlocked(ids[i])!, select));
        }

        json["value"] = value;
        return GraphErrors.Json(200, json);
    }

    private static string EncodeSkipToken(int offset) =>
        TokenReader.Base64UrlEncode(string.Create(CultureInfo.InvariantCulture, $"RFNwdA:{offset}"));

    private static bool TryDecodeSkipToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(TokenReader.Base64UrlDecode(token));
            return text.StartsWith("RFNwdA:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
