using System.Globalization;
using System.Net.Http.Headers;

namespace Entra.Actions.Http.Internal;

/// <summary>
/// Reads Graph's <c>Retry-After</c>. Graph sends decimal seconds such as <c>2.128</c>,
/// which the typed <see cref="RetryConditionHeaderValue"/> parser rejects,
/// so the raw header value is parsed here: decimal seconds, or an HTTP date (RFC 1123, RFC 850 or asctime).
/// </summary>
internal static class RetryAfter
{
    /// <summary>Longer waits are capped: no caller should be told to come back in a year, and sums must not overflow.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromDays(1);

    private static readonly string[] DateFormats = ["r", "dddd, dd-MMM-yy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy", "ddd MMM dd HH:mm:ss yyyy"];

    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.NonValidated.TryGetValues("Retry-After", out var values)
            ? Parse(values.FirstOrDefault(), now)
            : null;
    }

    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, Cap.TotalSeconds)) : null;
        }

        if (DateTimeOffset.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > Cap ? Cap : wait;
        }

        return null;
    }
}
