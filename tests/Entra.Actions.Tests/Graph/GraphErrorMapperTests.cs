using System.Security.Cryptography;
using System.Text.Json;
using Azure.Identity;
using Entra.Actions.Graph;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace Entra.Actions.Tests.Graph;

public sealed class GraphErrorMapperTests
{
    [Fact]
    public void Map_ODataError_KeepsStatusCodeMessageRequestIdAndRetryAfter()
    {
        var error = new ODataError
        {
            ResponseStatusCode = 429,
            Error = new MainError { Code = "TooManyRequests", Message = "Please retry again later.", InnerError = new InnerError { RequestId = "rid-1" } },
            ResponseHeaders = new Dictionary<string, IEnumerable<string>> { ["Retry-After"] = ["2.128"] },
        };

        var mapped = GraphErrorMapper.Map(error);

        mapped.Kind.Should().Be(EntraErrorKind.Throttled);
        mapped.StatusCode.Should().Be(429);
        mapped.GraphErrorCode.Should().Be("TooManyRequests");
        mapped.RequestId.Should().Be("rid-1");
        mapped.RetryAfter.Should().Be(TimeSpan.FromMilliseconds(2128));
        mapped.Message.Should().Contain("Please retry again later.");
    }

    [Fact]
    public void Map_SdkRetriesExhaustedAggregate_IsThrottledWithTheLastAttemptsDetails()
    {
        var attempts = Enumerable.Range(0, 4).Select(i => new ApiException($"attempt {i}")
        {
            ResponseStatusCode = 429,
            ResponseHeaders = new Dictionary<string, IEnumerable<string>> { ["request-id"] = [$"rid-{i}"], ["Retry-After"] = ["3"] },
        });
        var aggregate = new AggregateException("Too many retries performed. More than 3 retries encountered while sending the request.", attempts);

        var mapped = GraphErrorMapper.Map(aggregate);

        mapped.Kind.Should().Be(EntraErrorKind.Throttled);
        mapped.StatusCode.Should().Be(429);
        mapped.RequestId.Should().Be("rid-3");
        mapped.Message.Should().Contain("after 4 attempts");
    }

    [Fact]
    public void Map_BatchStepServiceException_ReadsTheErrorEnvelope()
    {
        var body = JsonSerializer.Serialize(new { error = new { code = "Authorization_RequestDenied", message = "Insufficient privileges to complete the operation.", innerError = new Dictionary<string, string> { ["request-id"] = "rid-b" } } });
        var exception = new ServiceException("Step failed", null, 403, body);

        var mapped = GraphErrorMapper.Map(exception);

        mapped.Kind.Should().Be(EntraErrorKind.Forbidden);
        mapped.GraphErrorCode.Should().Be("Authorization_RequestDenied");
        mapped.RequestId.Should().Be("rid-b");
    }

    [Theory]
    [InlineData(typeof(TimeoutException), EntraErrorKind.ServiceError)]
    [InlineData(typeof(HttpRequestException), EntraErrorKind.ServiceError)]
    [InlineData(typeof(JsonException), EntraErrorKind.ServiceError)]
    [InlineData(typeof(CryptographicException), EntraErrorKind.Unauthorized)]
    [InlineData(typeof(InvalidOperationException), EntraErrorKind.ServiceError)]
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
