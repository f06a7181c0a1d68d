using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Request bodies written as JSON into a buffer rented from the shared array pool, then copied once into content of the
/// exact size. The rented buffer goes back to the pool before anything is sent: a connection still writing a body after
/// its answer (an early error) must never read memory that another request is reusing.
/// </summary>
internal sealed class JsonBody : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 4096;
    private byte[] _buffer;
    private int _length;

    private JsonBody()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    }

    /// <summary>
    /// A body written by <paramref name="write"/> with <paramref name="state"/>, as <c>application/json</c> content that
    /// can be sent more than once (a retry, a claims challenge).
    /// </summary>
    public static ByteArrayContent Create<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        using var body = new JsonBody();
        using (var writer = new Utf8JsonWriter(body))
        {
            write(writer, state);
        }

        var content = new ByteArrayContent(body._buffer.AsSpan(0, body._length).ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
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

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Ensure(int sizeHint)
    {
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
