using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Identity;
using Entra.Actions.Graph.Internal;

namespace Entra.Actions.Tests.Graph;

public sealed class GraphErrorMapperTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static HttpResponseMessage Response(int status, string? body, string mediaType = "application/json", params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    [Fact]
    public async Task FromResponseAsync_GraphErrorBody_KeepsStatusCodeMessageRequestIdAndRetryAfter()
    {
        using var response = Response(429, """{"error":{"code":"TooManyRequests","message":"Please retry again later.","innerError":{"request-id":"rid-1","date":"2026-11-26T12:00:00"}}}""",
            headers: ("Retry-After", "2.128"));

        var mapped = await GraphErrorMapper.FromResponseAsync(response, Now, CancellationToken.None);

        mapped.Kind.Should().Be(EntraErrorKind.Throttled);
        mapped.StatusCode.Should().Be(429);
        mapped.GraphErrorCode.Should().Be("TooManyRequests");
        mapped.RequestId.Should().Be("rid-1");
        mapped.RetryAfter.Should().Be(TimeSpan.FromMilliseconds(2128));
        mapped.Message.Should().Contain("Please retry again later.");
    }

    [Fact]
    public async Task FromResponseAsync_PlainTextBody_KeepsStatusRetryAfterAndTheHeadersRequestId()
    {
        using var response = Response(429, "Too Many Requests", "text/plain", ("Retry-After", "3"), ("request-id", "rid-h"));

        var mapped = await GraphErrorMapper.FromResponseAsync(response, Now, CancellationToken.None);

        mapped.Kind.Should().Be(EntraErrorKind.Throttled);
        mapped.StatusCode.Should().Be(429);
        mapped.GraphErrorCode.Should().BeNull();
        mapped.RequestId.Should().Be("rid-h");
        mapped.RetryAfter.Should().Be(TimeSpan.FromSeconds(3));
        mapped.Message.Should().Contain("text/plain");
    }

    [Fact]
    public async Task FromResponseAsync_UnreadableJsonBody_KeepsTheStatusAndSaysSo()
    {
        using var response = Response(502, "{\"error\":", headers: ("request-id", "rid-x"));

        var mapped = await GraphErrorMapper.FromResponseAsync(response, Now, CancellationToken.None);

        mapped.Kind.Should().Be(EntraErrorKind.ServiceError);
        mapped.StatusCode.Should().Be(502);
        mapped.RequestId.Should().Be("rid-x");
        mapped.Message.Should().Contain("could not be read");
    }

    [Fact]
    public async Task FromResponseAsync_RetryAfterOnANonThrottledStatus_IsNotReported()
    {
        using var response = Response(503, """{"error":{"code":"ServiceUnavailable","message":"Later."}}""", headers: ("Retry-After", "5"));

        var mapped = await GraphErrorMapper.FromResponseAsync(response, Now, CancellationToken.None);

        mapped.Kind.Should().Be(EntraErrorKind.ServiceError);
        mapped.RetryAfter.Should().BeNull("only a 429 tells the caller when to come back");
    }

    [Fact]
    public void FromStep_BatchStepErrorEnvelope_ReadsCodeMessageRequestIdAndHeaders()
    {
        using var step = JsonDocument.Parse("""
            {"body":{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"request-id":"rid-b"}}},
             "headers":{"Retry-After":"4","request-id":"rid-h"}}
            """);
        var headers = step.RootElement.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

        var forbidden = GraphErrorMapper.FromStep(403, step.RootElement.GetProperty("body"), headers, Now);
        var throttled = GraphErrorMapper.FromStep(429, default, headers, Now);

        forbidden.Kind.Should().Be(EntraErrorKind.Forbidden);
        forbidden.GraphErrorCode.Should().Be("Authorization_RequestDenied");
        forbidden.RequestId.Should().Be("rid-b");
        throttled.Kind.Should().Be(EntraErrorKind.Throttled);
        throttled.RequestId.Should().Be("rid-h", "without a body the step's request-id header is used");
        throttled.RetryAfter.Should().Be(TimeSpan.FromSeconds(4));
        throttled.WriteQuotaExceeded.Should().BeFalse("the step's headers do not name the write quota");
    }

    [Theory]
    [InlineData(429, "WriteLimitExceeded", null, true)]
    [InlineData(429, null, "Tenant_Application/Write/9a3d526c-0000-4000-8000-000000000001/0785ef7c-0000-4000-8000-000000000002", true)]
    [InlineData(429, null, "Tenant/write/9a3d526c-0000-4000-8000-000000000001/0785ef7c-0000-4000-8000-000000000002", true)]
    [InlineData(429, "ResourceUnitLimitExceeded", "Tenant_Application/ReadWrite/9a3d526c-0000-4000-8000-000000000001/0785ef7c-0000-4000-8000-000000000002", false)]
    [InlineData(429, "CPULimitExceeded", null, false)]
    [InlineData(429, null, "Write", false)]
    [InlineData(429, null, null, false)]
    [InlineData(403, "WriteLimitExceeded", null, false)]
    public void FromStep_ThrottleHeaders_MarkOnlyTheWriteQuotasAnswers(int status, string? information, string? scope, bool writeQuota)
    {
        var headers = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        if (information is not null)
        {
            headers["x-ms-throttle-information"] = JsonSerializer.SerializeToElement(information);
        }

        if (scope is not null)
        {
            headers["x-ms-throttle-scope"] = JsonSerializer.SerializeToElement(scope);
        }

        GraphErrorMapper.FromStep(status, default, headers, Now).WriteQuotaExceeded.Should().Be(writeQuota);
    }

    [Theory]
    [InlineData(typeof(TimeoutException), EntraErrorKind.ServiceError)]
    [InlineData(typeof(HttpRequestException), EntraErrorKind.ServiceError)]
    [InlineData(typeof(JsonException), EntraErrorKind.ServiceError)]
    [InlineData(typeof(CryptographicException), EntraErrorKind.Unauthorized)]
    [InlineData(typeof(InvalidOperationException), EntraErrorKind.ServiceError)]
    [InlineData(typeof(CredentialUnavailableException), EntraErrorKind.Unauthorized)]
    public void Map_NonHttpFailure_MapsToKindWithoutStatus(Type exceptionType, EntraErrorKind expected)
    {
        var exception = (Exception)Activator.CreateInstance(exceptionType, "boom")!;

        var mapped = GraphErrorMapper.Map(exception);

        mapped.Kind.Should().Be(expected);
        mapped.StatusCode.Should().BeNull();
        mapped.Message.Should().Contain("boom");
    }

    [Fact]
    public void Map_AuthenticationFailed_IsUnauthorized() =>
        GraphErrorMapper.Map(new AuthenticationFailedException("AADSTS700016: Application not found")).Kind.Should().Be(EntraErrorKind.Unauthorized);

    [Theory]
    [InlineData(400, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.", true)]
    [InlineData(400, "Request_BadRequest", "Invalid object identifier 'x'.", false)]
    [InlineData(409, "Request_BadRequest", "One or more added object references already exist for the following modified properties: 'members'.", false)]
    [InlineData(400, "BadRequest", "One or more added object references already exist for the following modified properties: 'members'.", false)]
    public void IsAlreadyMember_NeedsStatusCodeAndDocumentedText(int status, string code, string message, bool expected) =>
        GraphErrorMapper.IsAlreadyMember(GraphErrorMapper.FromStatus(status, code, message, null, null)).Should().Be(expected);

    [Theory]
    [InlineData(404, "Request_ResourceNotFound", true)]
    [InlineData(404, "itemNotFound", false)]
    [InlineData(400, "Request_ResourceNotFound", false)]
    public void IsNotFound_NeedsStatusAndCode(int status, string code, bool expected) =>
        GraphErrorMapper.IsNotFound(GraphErrorMapper.FromStatus(status, code, "Resource 'x' does not exist.", null, null)).Should().Be(expected);

    [Theory]
    [InlineData("Cannot Update a mail-enabled security groups and or distribution list.")]
    [InlineData("Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.")]
    public void FromStatus_GroupKindRefusal_IsUnsupportedGroup(string message) =>
        GraphErrorMapper.FromStatus(400, "Request_BadRequest", message, null, null).Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
}
