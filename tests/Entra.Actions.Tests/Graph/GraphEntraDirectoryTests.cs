using System.Net;
using System.Text.Json;
using Entra.Actions.Tests.TestSupport;

namespace Entra.Actions.Tests.Graph;

/// <summary>
/// The Graph implementation end to end: IEntraActions → actions → GraphEntraDirectory → the Graph transport →
/// the library's HTTP pipeline → a stub at the wire answering with documented Graph payloads.
/// </summary>
public sealed class GraphEntraDirectoryTests : IDisposable
{
    private const string NewUserId = "6e7b768e-07e2-4810-8459-485f84f8f204";
    private readonly GraphTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task LookupUserAsync_Adele_ReturnsDocumentedFieldsFromAPlainGetWithBearerToken()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.Adele);

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.DisplayName.Should().Be("Adele Vance");
        result.Value.GivenName.Should().Be("Adele");
        result.Value.Surname.Should().Be("Vance");
        result.Value.Mail.Should().Be("AdeleV@contoso.com");
        result.Value.UserPrincipalName.Should().Be("AdeleV@contoso.com");
        result.Value.JobTitle.Should().Be("Retail Manager");
        result.Value.Id.Should().Be(GraphPayloads.AdeleId);

        var request = _host.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("GET");
        request.WirePath.Should().Be($"/v1.0/users/{GraphPayloads.AdeleId}");
        request.Query.Should().BeEmpty("every property the model carries is a Graph default; $select would cost the same RU");
        request.Authorization.Should().Be($"Bearer {FakeTokenCredential.Token}");
        Guid.TryParse(request.Headers["client-request-id"], out _).Should().BeTrue("each request carries its own id for Graph's support");
        request.Headers["SdkVersion"].Should().StartWith("entra-actions/", "the client names itself honestly");
        _host.Credential.LastScopes.Should().Equal("https://graph.microsoft.com/.default");
        _host.Credential.LastIsCaeEnabled.Should().BeTrue("the client handles claims challenges, so it may ask for CAE tokens");
    }

    [Fact]
    public async Task LookupUserAsync_GuestUpn_SendsHashAndAtPercentEncodedInOneSegment()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.Adele);

        var result = await _host.Actions.LookupUserAsync("AdeleVance_adatum.com#EXT#@contoso.onmicrosoft.com");

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        _host.Handler.Requests.Single().WirePath.Should().Be("/v1.0/users/AdeleVance_adatum.com%23EXT%23%40contoso.onmicrosoft.com");
    }

    [Fact]
    public async Task LookupUserAsync_ExtraProperties_SelectsThemAndReturnsGraphValues()
    {
        _host.Handler.Respond(HttpStatusCode.OK, """
            {"id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","displayName":"Adele Vance","department":"Retail","accountEnabled":true,"employeeId":null}
            """);

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId, ["department", "accountEnabled", "employeeId"]);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Uri.UnescapeDataString(_host.Handler.Requests.Single().Query).Should().Be("?$select=id,displayName,givenName,surname,mail,userPrincipalName,jobTitle,department,accountEnabled,employeeId", "$select replaces the default set, so it names the defaults too");
        result.Value!.AdditionalProperties["department"].GetString().Should().Be("Retail");
        result.Value.AdditionalProperties["accountEnabled"].GetBoolean().Should().BeTrue();
        result.Value.AdditionalProperties["employeeId"].ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task LookupUserAsync_Graph404_ReturnsNotFoundWithCodeStatusAndRequestId()
    {
        _host.Handler.Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(NewUserId));

        var result = await _host.Actions.LookupUserAsync(NewUserId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.StatusCode.Should().Be(404);
        result.Error.GraphErrorCode.Should().Be("Request_ResourceNotFound");
        result.Error.RequestId.Should().Be(GraphPayloads.RequestId);
        result.Error.Message.Should().Contain(NewUserId);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", EntraErrorKind.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, "Authorization_RequestDenied", EntraErrorKind.Forbidden)]
    [InlineData(HttpStatusCode.BadRequest, "Request_BadRequest", EntraErrorKind.InvalidInput)]
    [InlineData(HttpStatusCode.InternalServerError, "UnknownError", EntraErrorKind.ServiceError)]
    [InlineData(HttpStatusCode.BadGateway, "BadGateway", EntraErrorKind.ServiceError)]
    public async Task LookupUserAsync_GraphError_MapsStatusToKind(HttpStatusCode status, string code, EntraErrorKind expected)
    {
        _host.Handler.Respond(status, GraphPayloads.Error(code, "Something went wrong."));

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(expected);
        result.Error.StatusCode.Should().Be((int)status);
        result.Error.GraphErrorCode.Should().Be(code);
        result.Error.RequestId.Should().Be(GraphPayloads.RequestId);
        _host.Handler.Requests.Should().ContainSingle("only 429, 503 and 504 are retried");
    }

    [Fact]
    public async Task LookupUserAsync_MalformedJson_ReturnsServiceError()
    {
        _host.Handler.Respond(HttpStatusCode.OK, "{\"id\": \"87d349ed-44d7-43e1-9a83-5f2406dee5bd\", \"displayName\": ");

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
    }

    [Fact]
    public async Task LookupUserAsync_BodyWithoutId_ReturnsServiceError()
    {
        _host.Handler.Respond(HttpStatusCode.OK, "{\"displayName\":\"x\"}");

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("no id");
    }

    [Fact]
    public async Task LookupUserAsync_ConnectionFails_ReturnsServiceError()
    {
        _host.Handler.Throw(new HttpRequestException("Connection refused (graph.microsoft.com:443)"));

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("Connection refused");
    }

    [Fact]
    public async Task LookupUserAsync_GraphTooSlow_ReturnsServiceErrorAfterRequestTimeout()
    {
        using var host = new GraphTestHost(o => o.RequestTimeout = TimeSpan.FromMilliseconds(200));
        host.Handler.RespondAfter(TimeSpan.FromSeconds(30), HttpStatusCode.OK, GraphPayloads.Adele);

        var result = await host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("did not answer");
    }

    [Fact]
    public async Task LookupUserAsync_RedirectToAnotherHost_IsNotFollowedAndTheTokenStaysHome()
    {
        _host.Handler.Respond(HttpStatusCode.Found, null, ("Location", "https://evil.example.com/collect"));

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        _host.Handler.Requests.Should().ContainSingle().Which.Uri.Host.Should().Be("graph.microsoft.com");
    }

    [Fact]
    public async Task LookupUserAsync_BodyStallsAfterHeaders_ReturnsServiceErrorAfterRequestTimeout()
    {
        using var host = new GraphTestHost(o => o.RequestTimeout = TimeSpan.FromMilliseconds(200));
        host.Handler.Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StallingContent() });

        var result = await host.Actions.LookupUserAsync(GraphPayloads.AdeleId).WaitAsync(TimeSpan.FromSeconds(10));

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("did not answer");
    }

    [Fact]
    public async Task LookupUserAsync_PlainText429_IsThrottledWithStatusAndRequestId()
    {
        using var host = new GraphTestHost(o => o.MaxRetryAttempts = 0);
        host.Handler.Respond(_ =>
        {
            var response = StubGraphHandler.Create(HttpStatusCode.TooManyRequests, null, ("Retry-After", "7"));
            response.Content = new StringContent("Too Many Requests", System.Text.Encoding.UTF8, "text/plain");
            return response;
        });

        var result = await host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        result.Error.StatusCode.Should().Be(429);
        result.Error.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
        result.Error.RequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task RemoveMemberFromGroupAsync_HtmlBadGateway_IsServiceErrorWithStatus()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce).Respond(_ =>
        {
            var response = StubGraphHandler.Create(HttpStatusCode.BadGateway);
            response.Content = new StringContent("<html><body>502 Bad Gateway</body></html>", System.Text.Encoding.UTF8, "text/html");
            return response;
        });

        var result = await _host.Actions.RemoveMemberFromGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.StatusCode.Should().Be(502);
    }

    [Fact]
    public async Task Actions_ThrottledAndTimedOutUpnLookups_KeepTheUpnOutOfWarnings()
    {
        const string upn = "AdeleV@contoso.com";
        using var host = new GraphTestHost(o => { o.MaxRetryAttempts = 0; o.RequestTimeout = TimeSpan.FromMilliseconds(200); });
        host.Handler.Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "1"))
            .RespondAfter(TimeSpan.FromSeconds(30), HttpStatusCode.OK, GraphPayloads.Adele);

        (await host.Actions.LookupUserAsync(upn)).Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        (await host.Actions.LookupUserAsync(upn)).Error!.Kind.Should().Be(EntraErrorKind.ServiceError);

        var warnings = host.LoggerProvider.Collector.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).ToList();
        warnings.Should().NotBeEmpty();
        foreach (var record in warnings)
        {
            var text = record.Message + string.Join(";", (record.StructuredState ?? []).Select(p => p.Value)) + record.Exception;
            text.Should().NotContainEquivalentOf("AdeleV").And.NotContainEquivalentOf("contoso.com");
        }
    }

    [Fact]
    public async Task Directory_CalledDirectlyWithHostileIds_SendsNothing()
    {
        var directory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IEntraDirectory>(_host.Services);
        string[] hostile = ["..", ".", "", " ", "a/b", "../groups", GraphPayloads.AdeleId + "/..", "x\u0000"];

        foreach (var id in hostile)
        {
            (await directory.GetUserAsync(id, [])).Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
            (await directory.GetGroupAsync(id, [])).Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
            (await directory.AddGroupMemberAsync(GraphPayloads.HrTaskforceId, id)).Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
            (await directory.RemoveGroupMemberAsync(GraphPayloads.HrTaskforceId, id)).Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
            (await directory.RemoveGroupMemberAsync(id, GraphPayloads.AdeleId)).Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        }

        (await directory.GetUserAsync(GraphPayloads.AdeleId, ["department,passwordProfile"])).Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty();
    }

    private sealed class StallingContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync("{\"id\":"u8.ToArray(), cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task LookupUserAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        _host.Handler.Respond(_ =>
        {
            cancellation.Cancel();
            return StubGraphHandler.Create(HttpStatusCode.OK, GraphPayloads.Adele);
        });

        var act = () => _host.Actions.LookupUserAsync(GraphPayloads.AdeleId, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task LookupGroupAsync_HrTaskforce_ReturnsMicrosoft365GroupWithDetails()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce);

        var result = await _host.Actions.LookupGroupAsync(GraphPayloads.HrTaskforceId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        var group = result.Value!;
        group.DisplayName.Should().Be("HR Taskforce");
        group.Description.Should().Be("Welcome to the HR Taskforce team.");
        group.Kind.Should().Be(EntraGroupKind.Microsoft365);
        group.IsDynamic.Should().BeFalse();
        group.MailEnabled.Should().BeTrue();
        group.SecurityEnabled.Should().BeFalse();
        group.GroupTypes.Should().Equal("Unified");
        group.Visibility.Should().Be("Private");
        group.CreatedDateTime.Should().Be(DateTimeOffset.Parse("2017-07-31T18:56:16Z", System.Globalization.CultureInfo.InvariantCulture));
        group.MailNickname.Should().Be("HRTaskforce");
        group.OnPremisesSyncEnabled.Should().BeNull();
        var request = _host.Handler.Requests.Single();
        request.WirePath.Should().Be($"/v1.0/groups/{GraphPayloads.HrTaskforceId}");
        request.Query.Should().BeEmpty();
    }

    [Fact]
    public async Task AddUserToGroupAsync_NewMember_PostsDirectoryObjectReferenceAndReturnsAdded()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce).Respond(HttpStatusCode.OK, GraphPayloads.User(NewUserId)).Respond(HttpStatusCode.NoContent);

        var result = await _host.Actions.AddUserToGroupAsync(NewUserId, GraphPayloads.HrTaskforceId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Value.MemberId.Should().Be(NewUserId);
        result.Value.GroupId.Should().Be(GraphPayloads.HrTaskforceId);
        var requests = _host.Handler.Requests;
        requests.Select(r => $"{r.Method} {r.WirePath}").Should().Equal(
            $"GET /v1.0/groups/{GraphPayloads.HrTaskforceId}",
            $"GET /v1.0/users/{NewUserId}",
            $"POST /v1.0/groups/{GraphPayloads.HrTaskforceId}/members/$ref");
        var write = requests[^1];
        write.Method.Should().Be("POST");
        write.WirePath.Should().Be($"/v1.0/groups/{GraphPayloads.HrTaskforceId}/members/$ref");
        write.Authorization.Should().Be($"Bearer {FakeTokenCredential.Token}");
        using var body = JsonDocument.Parse(write.Body!);
        body.RootElement.GetProperty("@odata.id").GetString().Should().Be($"https://graph.microsoft.com/v1.0/directoryObjects/{NewUserId}");
    }

    [Fact]
    public async Task AddUserToGroupAsync_GraphSaysAlreadyExists_ReturnsAlreadyMember()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce)
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele)
            .Respond(HttpStatusCode.BadRequest, GraphPayloads.Error("Request_BadRequest", GraphPayloads.AlreadyExistsMessage));

        var result = await _host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.AlreadyMember);
    }

    [Fact]
    public async Task AddUserToGroupAsync_OtherBadRequest_IsAFailureNotAlreadyMember()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce)
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele)
            .Respond(HttpStatusCode.BadRequest, GraphPayloads.Error("Request_BadRequest", "Invalid URL format specified in @odata.bind for members"));

        var result = await _host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task AddUserToGroupAsync_MailEnabledRefusalFromGraph_ReturnsUnsupportedGroup()
    {
        // The pre-flight saw a plain security group (replication lag), Graph still refuses the write.
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.SecurityGroup(GraphPayloads.HrTaskforceId))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele)
            .Respond(HttpStatusCode.BadRequest, GraphPayloads.Error("Request_BadRequest", "Cannot Update a mail-enabled security groups and or distribution list."));

        var result = await _host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
    }

    [Fact]
    public async Task AddUserToGroupAsync_Graph403_ReturnsForbiddenWithRequestId()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce)
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele)
            .Respond(HttpStatusCode.Forbidden, GraphPayloads.Error("Authorization_RequestDenied", GraphPayloads.InsufficientPrivileges));

        var result = await _host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.GraphErrorCode.Should().Be("Authorization_RequestDenied");
        result.Error.RequestId.Should().Be(GraphPayloads.RequestId);
        result.Error.Message.Should().Contain("GroupMember.ReadWrite.All");
    }

    [Fact]
    public async Task AddUserToGroupAsync_DynamicGroup_RefusesWithoutWriting()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.Group(GraphPayloads.HrTaskforceId, ["DynamicMembership"], false, true, membershipRule: "user.department -eq \"Sales\""));

        var result = await _host.Actions.AddUserToGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        _host.Handler.Requests.Should().ContainSingle().Which.Method.Should().Be("GET");
    }

    [Fact]
    public async Task AddUserToGroupAsync_Upn_ResolvesTheUserAndPostsItsObjectId()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce)
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele)
            .Respond(HttpStatusCode.NoContent);

        var result = await _host.Actions.AddUserToGroupAsync("AdeleV@contoso.com", GraphPayloads.HrTaskforceId);

        result.Value!.MemberId.Should().Be(GraphPayloads.AdeleId);
        _host.Handler.Requests[^1].Body.Should().Contain($"/directoryObjects/{GraphPayloads.AdeleId}");
    }

    [Fact]
    public async Task RemoveMemberFromGroupAsync_Member_DeletesTheReferenceOnly()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce).Respond(HttpStatusCode.NoContent);

        var result = await _host.Actions.RemoveMemberFromGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        var write = _host.Handler.Requests[^1];
        write.Method.Should().Be("DELETE");
        write.WirePath.Should().Be($"/v1.0/groups/{GraphPayloads.HrTaskforceId}/members/{GraphPayloads.AdeleId}/$ref");
        write.Authorization.Should().Be($"Bearer {FakeTokenCredential.Token}");
    }

    [Fact]
    public async Task RemoveMemberFromGroupAsync_Graph404_ReturnsNotAMember()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce)
            .Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(GraphPayloads.AdeleId))
            .Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce);

        var result = await _host.Actions.RemoveMemberFromGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.NotAMember);
        _host.Handler.Requests.Should().HaveCount(3, "a 404 on the DELETE is only 'not a member' while the group still exists");
    }

    [Fact]
    public async Task RemoveMemberFromGroupAsync_GroupDeletedBeforeTheWrite_ReturnsNotFound()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce)
            .Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(GraphPayloads.HrTaskforceId))
            .Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(GraphPayloads.HrTaskforceId));

        var result = await _host.Actions.RemoveMemberFromGroupAsync(GraphPayloads.AdeleId, GraphPayloads.HrTaskforceId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain(GraphPayloads.HrTaskforceId);
    }

    [Fact]
    public async Task LookupUserAsync_CredentialFails_ReturnsUnauthorizedAndSendsNothing()
    {
        using var host = new GraphTestHost(o => o.Credential = new FailingCredential());

        var result = await host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        host.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Actions_WithTraceLogging_NeverLogTheToken()
    {
        _host.Handler.Respond(HttpStatusCode.OK, GraphPayloads.HrTaskforce).Respond(HttpStatusCode.OK, GraphPayloads.User(NewUserId)).Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(NewUserId));

        await _host.Actions.AddUserToGroupAsync(NewUserId, GraphPayloads.HrTaskforceId);
        await _host.Actions.LookupUserAsync(NewUserId);

        var records = _host.LoggerProvider.Collector.GetSnapshot();
        records.Should().NotBeEmpty();
        foreach (var record in records)
        {
            record.Message.Should().NotContain(FakeTokenCredential.Token);
            (record.StructuredState ?? []).Should().NotContain(pair => pair.Value != null && pair.Value.Contains(FakeTokenCredential.Token));
            record.Exception?.ToString().Should().NotContain(FakeTokenCredential.Token);
        }

        records.Should().NotContain(r => r.Category != null && r.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal), "IHttpClientFactory's default loggers keep the Authorization header in their state");
    }

    private sealed class FailingCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new Azure.Identity.AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.");

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new Azure.Identity.AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.");
    }
}
