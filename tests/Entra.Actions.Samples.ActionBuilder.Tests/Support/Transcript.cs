using System.Text;
using System.Text.RegularExpressions;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Support;

/// <summary>
/// Everything a browser received in a session (status lines, headers with every Set-Cookie, bodies), to prove what never
/// reached it; and the shapes of the secrets the emulator issues.
/// </summary>
public sealed partial class Transcript
{
    private readonly StringBuilder _text = new();

    /// <summary>Everything kept so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Keeps a response (status, headers, content headers and body; not the request, whose URL may hold a code) and hands it back.</summary>
    public async Task<HttpResponseMessage> KeepAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        _text.Append((int)response.StatusCode).Append(' ').AppendLine(response.RequestMessage?.RequestUri?.AbsolutePath);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            foreach (var value in values)
            {
                _text.Append(name).Append(": ").AppendLine(value);
            }
        }

        _text.AppendLine(await response.Content.ReadAsStringAsync()).AppendLine();
        return response;
    }

    /// <summary>JWT-shaped strings (access and id tokens): base64url header and payload, both JSON objects.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")]
    public static partial Regex Jwt();

    /// <summary>The emulator's opaque codes and refresh tokens: <c>0.E</c> then 64 base64url characters.</summary>
    [GeneratedRegex(@"0\.E[A-Za-z0-9_-]{60,}")]
    public static partial Regex OpaqueSecret();
}
