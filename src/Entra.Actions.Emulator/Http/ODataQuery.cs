namespace Entra.Actions.Emulator;

/// <summary>The OData system query options of a request (the <c>$</c> prefix is optional, names are case-insensitive).</summary>
internal sealed class ODataQuery
{
    public static readonly ODataQuery Empty = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    private readonly Dictionary<string, string> _options;

    private ODataQuery(Dictionary<string, string> options) => _options = options;

    public IReadOnlyList<string>? Select => Get("select") is { } s
        ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : null;

    public string? Top => Get("top");

    public string? SkipToken => Get("skiptoken");

    public bool CountRequested => string.Equals(Get("count"), "true", StringComparison.OrdinalIgnoreCase);

    public bool HasExpand => Get("expand") is not null;

    public static ODataQuery Parse(string rawQuery)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            options[name.TrimStart('$')] = value;
        }

        return new ODataQuery(options);
    }

    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>The resource-unit cost modifiers of Graph's documentation: $select −1, $expand +1, $top below 20 −1, floor 1.</summary>
    public int AdjustCost(int baseCost)
    {
        var cost = baseCost;
        if (Get("select") is not null)
        {
            cost--;
        }

        if (HasExpand)
        {
            cost++;
        }

        if (int.TryParse(Top, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var top) && top < 20)
        {
            cost--;
        }

        return Math.Max(1, cost);
    }
}
