using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Support;

/// <summary>
/// An admin's browser without a page: one cookie jar, no automatic redirects, the antiforgery token the page would fetch, and
/// the sign-in played against the emulator's authorize endpoint (page-less, or through its sign-in page's form).
/// </summary>
public sealed class AdminBrowser : IDisposable
{
    private readonly HttpClient _http;
    private string? _antiforgery;

    public AdminBrowser(Uri baseUrl)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>Fetches the antiforgery token (and its cookie) as the page does on load.</summary>
    public async Task<string> AntiforgeryAsync()
    {
        var answer = await _http.GetFromJsonAsync<JsonObject>("/api/antiforgery");
        return _antiforgery = answer!["token"]!.GetValue<string>();
    }

    /// <summary>Sends a state-changing request with the antiforgery header (unless <paramref name="withToken"/> is false).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body = null, bool withToken = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (withToken)
        {
            request.Headers.Add("X-CSRF-TOKEN", _antiforgery ?? await AntiforgeryAsync());
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Clicks Connect: returns the authorization URL.</summary>
    public async Task<Uri> BeginConnectAsync(string name)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/connections/{name}/connect");
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        return new Uri(json!["authorizationUrl"]!.GetValue<string>());
    }

    /// <summary>Signs in at the emulator without its page (login_hint picks the account) and returns the callback URL.</summary>
    public static async Task<Uri> SignInWithoutPageAsync(Uri authorizationUrl, string loginHint)
    {
        using var authority = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var url = authorizationUrl.AbsoluteUri.Replace("&prompt=select_account", string.Empty, StringComparison.Ordinal) + "&login_hint=" + Uri.EscapeDataString(loginHint);
        using var response = await authority.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    public void Dispose() => _http.Dispose();
}
