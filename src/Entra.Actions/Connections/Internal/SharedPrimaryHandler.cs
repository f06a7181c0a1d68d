namespace Entra.Actions.Connections.Internal;

/// <summary>
/// A connection's primary handler that sends through the factory's shared socket handler without owning it:
/// <see cref="IHttpClientFactory"/> disposes primary handlers when it rotates them, which must not close the shared pool.
/// </summary>
internal sealed class SharedPrimaryHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker;

    public SharedPrimaryHandler(HttpMessageHandler shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        _invoker = new HttpMessageInvoker(shared, disposeHandler: false);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker.Dispose();
        }

        base.Dispose(disposing);
    }
}
