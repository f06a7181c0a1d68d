using System.Net;
using System.Text;

namespace Entra.Actions.Emulator;

/// <summary>The in-process host: turns <see cref="HttpRequestMessage"/>s into emulator requests, no socket involved.</summary>
internal sealed class EmulatorHttpMessageHandler(GraphEmulator emulator) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        string? body = null;
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        var emulatorRequest = new EmulatorRequest
        {
            Method = request.Method.Method.ToUpperInvariant(),
            RawTarget = uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped),
            BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority)),
            Headers = headers,
            Body = string.IsNullOrEmpty(body) ? null : body,
        };
        var response = await emulator.HandleAsync(emulatorRequest, cancellationToken).ConfigureAwait(false);
        if (response.DropConnection)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                "An error occurred while sending the request (the emulator dropped the connection: injected fault).",
                new IOException("Connection reset by peer."));
        }

        var message = new HttpResponseMessage((HttpStatusCode)response.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(response.Body is null ? [] : Encoding.UTF8.GetBytes(response.Body)),
        };
        if (response.ContentType is not null)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", response.ContentType);
        }

        foreach (var (name, value) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
