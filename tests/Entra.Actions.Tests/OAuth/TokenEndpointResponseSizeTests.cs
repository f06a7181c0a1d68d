using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using Entra.Actions.OAuth.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.OAuth;

/// <summary>The token endpoint's body is read up to a cap: a huge body fails cleanly and is never buffered whole.</summary>
public sealed class TokenEndpointResponseSizeTests
{
    private const int Cap = TokenEndpointClient.MaxResponseBytes;

    private static readonly TokenRequestContext GraphScope = new(["https://graph.microsoft.com/.default"]);

    [Fact]
    public async Task CompleteConnect_BodyOverCapWithContentLength_ServiceErrorWithoutReadingTheBody()
    {
        var fixture = new FlowFixture();
        CountingStream? body = null;
        fixture.Stub.Responder = form => Task.FromResult(Answer(form, 4 * 1024 * 1024, sendLength: true, out body));

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.ServiceError);
        result.Error.StatusCode.Should().Be(200);
        result.Error.Message.Should().Contain("larger than 1 MiB");
        body!.BytesRead.Should().Be(0, "the Content-Length alone refuses it");
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().BeNull();
    }

    [Fact]
    public async Task CompleteConnect_BodyOverCapWithoutContentLength_ServiceErrorAfterReadingAboutTheCap()
    {
        var fixture = new FlowFixture();
        CountingStream? body = null;
        fixture.Stub.Responder = form => Task.FromResult(Answer(form, 4 * 1024 * 1024, sendLength: false, out body));

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.ServiceError);
        result.Error.Message.Should().Contain("larger than 1 MiB");
        body!.BytesRead.Should().BeGreaterThan(Cap).And.BeLessThan(Cap + (128 * 1024), "reading stops once past the cap");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CompleteConnect_BodyJustUnderCap_Connects(bool sendLength)
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = form => Task.FromResult(Answer(form, Cap, sendLength, out _));

        var result = await fixture.ConnectAsync();

        result.Succeeded.Should().BeTrue(result.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Credential_RefreshBodyOverCap_FailsAndKeepsConnection(bool sendLength)
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        fixture.Stub.Responder = form => Task.FromResult(Answer(form, 4 * 1024 * 1024, sendLength, out _));
        fixture.Time.Advance(TimeSpan.FromHours(2));

        var act = async () => await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        (await act.Should().ThrowAsync<AuthenticationFailedException>()).WithMessage("*could not be refreshed*larger than 1 MiB*kept*");
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().NotBeNull();
    }

    [Fact]
    public async Task CompleteConnect_BodyBreaksMidRead_ServiceError()
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream(stall: false)) });

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.ServiceError);
        result.Error.Message.Should().Contain("could not be read");
    }

    [Fact]
    public async Task CompleteConnect_BodyStallsPastClientTimeout_ServiceErrorDidNotAnswerInTime()
    {
        var fixture = new FlowFixture(configureServices: services =>
            services.AddHttpClient(EntraConnectOptions.HttpClientName).ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMilliseconds(200)));
        fixture.Stub.Responder = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream(stall: true)) });

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.ServiceError);
        result.Error.Message.Should().Contain("did not answer in time", "the client's timeout covers the body read too");
    }

    // A valid token answer padded to exactly `size` bytes, so only its size can make it fail.
    private static HttpResponseMessage Answer(Dictionary<string, string> form, int size, bool sendLength, out CountingStream body)
    {
        var tokens = JsonNode.Parse(TokenEndpointStub.Tokens(form).Content.ReadAsStringAsync().GetAwaiter().GetResult())!.ToJsonString();
        var head = tokens[..^1] + ",\"padding\":\"";
        var text = head + new string('x', size - head.Length - 2) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.Length.Should().Be(size);
        body = new CountingStream(bytes);
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (sendLength)
        {
            content.Headers.ContentLength = size;
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A body that sends a few bytes, then stalls until cancelled or breaks like a dropped connection.</summary>
    private sealed class StallingStream(bool stall) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                buffer.Span[0] = (byte)'{';
                return 1;
            }

            if (!stall)
            {
                throw new IOException("The connection was reset.");
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A forward-only body (no length of its own, like a chunked answer) that counts what was read from it.</summary>
    private sealed class CountingStream(byte[] bytes) : Stream
    {
        private int _position;

        public int BytesRead => Volatile.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
