using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// A JSON request body written straight into a buffer rented from the shared array pool and given back on dispose.
/// It can be sent more than once (a retry, a claims challenge): the bytes stay until the caller disposes it.
/// </summary>
internal sealed class JsonBodyContent : HttpContent, IBufferWriter<byte>
{
    private const int InitialSize = 1024;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private byte[] _buffer;
    private int _length;

    private JsonBodyContent()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        Headers.ContentType = Json;
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>A body written by <paramref name="write"/> with <paramref name="state"/>.</summary>
    public static JsonBodyContent Create<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var content = new JsonBodyContent();
        try
        {
            using var writer = new Utf8JsonWriter(content);
            write(writer, state);
            writer.Flush();
            return content;
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer, 0, _length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(_buffer, 0, _length);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }

        base.Dispose(disposing);
    }

    private void Ensure(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = _length + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
