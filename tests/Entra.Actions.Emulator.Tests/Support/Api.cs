using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator.Tests.Support;

/// <summary>A raw HTTP client for the emulator, with a fixed token.</summary>
public sealed class Api
{
    public static readonly string[] AllRead = ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "Directory.Read.All"];
    public static readonly string[] ReadWrite = ["User.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Directory.Read.All"];

    private readonly string? _token;

    public Api(HttpMessageHandler handler, string? token, string baseAddress = "https://graph.emulator.local/")
    {
        Http = new HttpClient(handler) { BaseAddress = new Uri(baseAddress) };
        _token = token;
    }

    public HttpClient Http { get; }

    public static Api App(GraphEmulator emulator, params string[] roles) =>
        new(emulator.CreateHandler(), EmulatorTokens.CreateApplication(roles.Length == 0 ? ReadWrite : roles));

    public static Api Delegated(GraphEmulator emulator, params string[] scopes) =>
        new(emulator.CreateHandler(), EmulatorTokens.CreateDelegated(scopes));

    public Task<Reply> GetAsync(string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, path, null, headers);

    public Task<Reply> PostAsync(string path, object body, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Post, path, body, headers);

    public Task<Reply> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<Reply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            var text = body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply((int)response.StatusCode, content, all, response.Content.Headers.ContentType?.ToString());
    }
}

public sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string> Headers, string? ContentType)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? ErrorCode => Json["error"]?["code"]?.GetValue<string>();

    public string? ErrorMessage => Json["error"]?["message"]?.GetValue<string>();

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
