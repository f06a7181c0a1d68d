using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Options;

namespace Entra.Actions.OAuth.Internal;

/// <summary>
/// Calls <c>{authority}/{tenant}/oauth2/v2.0/token</c> through the named <see cref="HttpClient"/>: redeems codes and refresh tokens.
/// Protocol errors come back as <see cref="TokenEndpointResponse.Error"/>, never as exceptions. No retry: a code is single-use.
/// </summary>
internal sealed partial class TokenEndpointClient
{
    /// <summary>The largest body read from the token endpoint: a real token response is a few KB.</summary>
    internal const int MaxResponseBytes = 1024 * 1024;

    private const double MinExpiresInSeconds = 1;
    private const double MaxExpiresInSeconds = 24 * 60 * 60;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly EntraConnectOptions _options;
    private readonly TimeProvider _timeProvider;

    public TokenEndpointClient(IHttpClientFactory httpClientFactory, IOptions<EntraConnectOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    public Uri Endpoint(string tenant, string name) =>
        new($"{_options.AuthorityHost.GetLeftPart(UriPartial.Authority)}/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/{name}");

    public Task<TokenEndpointResponse> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, string scope, CancellationToken cancellationToken) =>
        PostAsync(_options.TenantId, [
            new("grant_type", "authorization_code"),
            new("code", code),
            new("code_verifier", codeVerifier),
            new("redirect_uri", redirectUri),
            new("scope", scope),
        ], cancellationToken);

    public Task<TokenEndpointResponse> RefreshAsync(string tenant, string refreshToken, string scope, string? claims, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("scope", scope),
        ];
        if (!string.IsNullOrEmpty(claims))
        {
            form.Add(new("claims", claims)); // the claims challenge of a CAE-enabled resource
        }

        return PostAsync(tenant, form, cancellationToken);
    }

    internal static string Describe(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return "(no description)";
        }

        // Entra appends trace and correlation ids, and a timestamp, on new lines or after the sentence; they have their own properties.
        var cut = description.IndexOf(" Trace ID:", StringComparison.Ordinal);
        var text = cut < 0 ? description : description[..cut];
        return text.Split('\n')[0].Trim();
    }

    // The regex takes 1 to 9 ASCII digits not followed by another digit, so every match fits an int; anything else is no code.
    internal static IReadOnlyList<int> CodesFrom(string? description) =>
        description is null ? [] : [.. AadstsCode().Matches(description).Select(m => int.Parse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture)).Distinct()];

    private async Task<TokenEndpointResponse> PostAsync(string tenant, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        form.Insert(1, new("client_id", _options.ClientId!));
        if (!string.IsNullOrEmpty(_options.ClientSecret))
        {
            form.Add(new("client_secret", _options.ClientSecret));
        }

        var http = _httpClientFactory.CreateClient(EntraConnectOptions.HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(tenant, "token")) { Content = new FormUrlEncodedContent(form) };
        string? body;
        int status;
        try
        {
            // Headers first, then a capped read of the body; the client's timeout covers both, as it did the buffered read.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (http.Timeout != Timeout.InfiniteTimeSpan)
            {
                timeout.CancelAfter(http.Timeout);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                var target = response.Headers.Location is { } location ? EntraIdValidator.Quote(location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString) : "(no Location)";
                return Failure(new EntraConnectError(EntraConnectErrorKind.Configuration,
                    $"The Microsoft Entra token endpoint answered {status} with a redirect to {target}; redirects are not followed, so the code, refresh token and client secret are never sent elsewhere. Check EntraActions:Connect:AuthorityHost.")
                { StatusCode = status });
            }

            body = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return Failure(new EntraConnectError(EntraConnectErrorKind.ServiceError, $"The Microsoft Entra token endpoint could not be reached: {ex.Message}") { StatusCode = (int?)ex.StatusCode });
        }
        catch (IOException ex)
        {
            // The connection broke while the body was read (the read is no longer buffered inside SendAsync).
            return Failure(new EntraConnectError(EntraConnectErrorKind.ServiceError, $"The Microsoft Entra token endpoint's answer could not be read: {ex.Message}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(new EntraConnectError(EntraConnectErrorKind.ServiceError, "The Microsoft Entra token endpoint did not answer in time."));
        }

        if (body is null)
        {
            return Failure(new EntraConnectError(EntraConnectErrorKind.ServiceError,
                $"The Microsoft Entra token endpoint answered {status} with a body larger than 1 MiB; a token response is a few KB, so it was not read.")
            { StatusCode = status });
        }

        JsonElement json;
        try
        {
            using var doc = JsonDocument.Parse(body);
            json = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Failure(new EntraConnectError(EntraConnectErrorKind.ServiceError, $"The Microsoft Entra token endpoint answered {status} with a body that is not JSON.") { StatusCode = status });
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Failure(new EntraConnectError(EntraConnectErrorKind.ServiceError, $"The Microsoft Entra token endpoint answered {status} with unexpected JSON.") { StatusCode = status });
        }

        if (status is >= 200 and < 300 && String(json, "access_token") is { Length: > 0 } accessToken)
        {
            return new TokenEndpointResponse
            {
                AccessToken = accessToken,
                ExpiresOn = _timeProvider.GetUtcNow().AddSeconds(ExpiresIn(json)),
                RefreshToken = String(json, "refresh_token"),
                IdToken = String(json, "id_token"),
                Scope = String(json, "scope"),
            };
        }

        var error = String(json, "error");
        var description = String(json, "error_description");
        var codes = json.TryGetProperty("error_codes", out var list) && list.ValueKind == JsonValueKind.Array && CodesFrom(list) is { Count: > 0 } listed
            ? listed
            : CodesFrom(description);
        var kind = error switch
        {
            "invalid_grant" => EntraConnectErrorKind.InvalidGrant,
            null when status >= 500 => EntraConnectErrorKind.ServiceError,
            "temporarily_unavailable" or "server_error" => EntraConnectErrorKind.ServiceError,
            _ when status >= 500 => EntraConnectErrorKind.ServiceError,
            _ => EntraConnectErrorKind.Configuration,
        };
        return Failure(new EntraConnectError(kind, $"Microsoft Entra answered {status} {error ?? "(no error code)"}: {Describe(description)}")
        {
            OAuthError = error,
            ErrorCodes = codes,
            TraceId = String(json, "trace_id"),
            CorrelationId = String(json, "correlation_id"),
            StatusCode = status,
        });
    }

    // The body as text, or null when it is over MaxResponseBytes: refused by its Content-Length when it has one, else as soon as the
    // read passes the cap, so a huge body is never buffered. Invalid UTF-8 becomes U+FFFD, as ReadAsStringAsync did.
    private static async Task<string?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TokenEndpointResponse Failure(EntraConnectError error) => new() { Error = error };

    // Only positive integers are codes: a fraction, an exponent past int, zero or a negative number is dropped, not thrown on.
    private static IReadOnlyList<int> CodesFrom(JsonElement list) =>
        [.. list.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var code) && code > 0 ? code : 0).Where(c => c > 0).Distinct()];

    private static double ExpiresIn(JsonElement json)
    {
        // Entra sends a number; some proxies and older endpoints send a string. The rule: a missing, unreadable, NaN or non-positive
        // value means the usual hour; any other value is clamped to 1 second .. 1 day (Entra's longest lifetime is about a day), so
        // 1e300 or "Infinity" still gives a date that exists.
        double seconds = 0;
        if (json.TryGetProperty("expires_in", out var value))
        {
            _ = value.ValueKind == JsonValueKind.Number ? value.TryGetDouble(out seconds)
                : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds);
        }

        return seconds > 0 ? Math.Clamp(seconds, MinExpiresInSeconds, MaxExpiresInSeconds) : 3600;
    }

    private static string? String(JsonElement json, string name)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // valid JSON that is no valid text (a lone surrogate escape): treated as absent
        }
    }

    [GeneratedRegex("AADSTS([0-9]{1,9})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AadstsCode();
}
