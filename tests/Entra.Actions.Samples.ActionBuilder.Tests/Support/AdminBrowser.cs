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

    /// <summary>
    /// Signs in at the emulator as its sign-in page would: the page is fetched, then its form is posted back with the chosen
    /// account and decision (Accept or Cancel). Returns the URL the authority redirects to (the app's callback).
    /// </summary>
    public static async Task<Uri> SignInAsync(Uri authorizationUrl, string accountId, string decision = "accept")
    {
        using var authority = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var page = await authority.GetAsync(authorizationUrl);
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the emulator shows its sign-in page");
        (await page.Content.ReadAsStringAsync()).Should().Contain($"value=\"{accountId}\"");

        var fields = System.Web.HttpUtility.ParseQueryString(authorizationUrl.Query);
        var form = fields.AllKeys.Where(k => k is not null).Select(k => new KeyValuePair<string, string>(k!, fields[k]!)).ToList();
        form.Add(new("account", accountId));
        form.Add(new("decision", decision));
        using var answer = await authority.PostAsync(authorizationUrl.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(form));
        answer.StatusCode.Should().Be(HttpStatusCode.Found, await answer.Content.ReadAsStringAsync());
        return answer.Headers.Location!;
    }

    /// <summary>
    /// Signs in as the account with <paramref name="userPrincipalName"/>: the page, opened with it as <c>login_hint</c>, preselects
    /// it, and its form is accepted with that account.
    /// </summary>
    public static async Task<Uri> SignInAsUserAsync(Uri authorizationUrl, string userPrincipalName)
    {
        var hinted = new Uri(authorizationUrl.AbsoluteUri + "&login_hint=" + Uri.EscapeDataString(userPrincipalName));
        using var authority = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var html = await authority.GetStringAsync(hinted);
        var selected = System.Text.RegularExpressions.Regex.Match(html, "name=\"account\" id=\"account-[^\"]+\" value=\"(?<id>[0-9a-fA-F-]{36})\"[^>]* checked");
        selected.Success.Should().BeTrue($"the page preselects {userPrincipalName}");
        return await SignInAsync(hinted, selected.Groups["id"].Value);
    }

    public void Dispose() => _http.Dispose();
}
