using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

public class UserEndpointTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    [Fact]
    public async Task GetUser_ById_ReturnsContractShapeWithDefaultPropertiesOnly()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}");

        reply.Status.Should().Be(200);
        reply.ContentType.Should().StartWith("application/json").And.Contain("odata.metadata=minimal");
        reply.Body.Should().Be("""
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity","businessPhones":["+1 425 555 0109"],"displayName":"Adele Vance","givenName":"Adele","jobTitle":"Retail Manager","mail":"AdeleV@contoso.com","mobilePhone":"+1 425 555 0109","officeLocation":"18/2111","preferredLanguage":"en-US","surname":"Vance","userPrincipalName":"AdeleV@contoso.com","id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd"}
            """);
    }

    [Fact]
    public async Task GetUser_UnsetDefaultProperty_IsNullNotOmitted()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/users/{DemoTenant.GuestUserId}");

        reply.Json.AsObject().ContainsKey("jobTitle").Should().BeTrue();
        reply.Json["jobTitle"].Should().BeNull();
        reply.Json.AsObject().ContainsKey("accountEnabled").Should().BeFalse();
    }

    [Theory]
    [InlineData("v1.0/users/AdeleV@contoso.com")]
    [InlineData("v1.0/users/adelev@CONTOSO.COM")]
    [InlineData("v1.0/users/AdeleV%40contoso.com")]
    [InlineData("v1.0/users('AdeleV@contoso.com')")]
    [InlineData("v1.0/users(%27AdeleV%40contoso.com%27)")]
    public async Task GetUser_ByUpnForms_FindsAdele(string path)
    {
        var reply = await Api.App(_emulator).GetAsync(path);

        reply.Status.Should().Be(200);
        reply.Json["id"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceId);
    }

    [Fact]
    public async Task GetUser_GuestUpnWithEncodedHash_FindsGuest()
    {
        var reply = await Api.App(_emulator).GetAsync("v1.0/users/jane.doe_fabrikam.com%23EXT%23@contoso.onmicrosoft.com?$select=userType,accountEnabled");

        reply.Status.Should().Be(200);
        reply.Body.Should().Be(
            """{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users(userType,accountEnabled)/$entity","userType":"Guest","accountEnabled":true,"id":"c0de0001-9e57-4b1d-8a2f-0c0de0f00d01"}""");
    }

    [Fact]
    public async Task GetUser_Unknown_Returns404ResourceNotFound()
    {
        var reply = await Api.App(_emulator).GetAsync("v1.0/users/nobody@contoso.com");

        reply.Status.Should().Be(404);
        reply.ErrorCode.Should().Be("Request_ResourceNotFound");
        reply.ErrorMessage.Should().Be("Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.");
        reply.Json["error"]!["innerError"]!["request-id"]!.GetValue<string>().Should().Be(reply.Header("request-id"));
    }

    [Fact]
    public async Task GetUser_DollarPrefixedUpnInPath_Returns400()
    {
        var reply = await Api.App(_emulator).GetAsync("v1.0/users/$x@contoso.com");

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task GetUser_UnknownSelectProperty_Returns400()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}?$select=nope");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Could not find a property named 'nope' on type 'microsoft.graph.user'.");
    }

    [Fact]
    public async Task GetMe_DelegatedToken_ReturnsSignedInUser()
    {
        var reply = await Api.Delegated(_emulator, "User.Read").GetAsync("v1.0/me");

        reply.Status.Should().Be(200);
        reply.Json["userPrincipalName"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn);
    }

    [Fact]
    public async Task GetMe_ApplicationToken_Returns400()
    {
        var reply = await Api.App(_emulator).GetAsync("v1.0/me");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("/me request is only valid with delegated authentication flow.");
    }

    [Fact]
    public async Task GetOrganization_ReturnsTenant()
    {
        var reply = await Api.App(_emulator, "Organization.Read.All").GetAsync("v1.0/organization");

        reply.Status.Should().Be(200);
        var org = reply.Json["value"]![0]!;
        org["id"]!.GetValue<string>().Should().Be(DemoTenant.TenantId);
        org["displayName"]!.GetValue<string>().Should().Be("Contoso");
        org["verifiedDomains"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).Should().Contain(DemoTenant.Domain);
    }

    [Theory]
    [InlineData("v1.0/widgets", "widgets")]
    [InlineData("v1.0/users/" + DemoTenant.AdeleVanceId + "/widgets", "widgets")]
    public async Task Get_UnknownSegment_Returns400ResourceNotFoundForSegment(string path, string segment)
    {
        var reply = await Api.App(_emulator).GetAsync(path);

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("BadRequest");
        reply.ErrorMessage.Should().Be($"Resource not found for the segment '{segment}'.");
    }

    [Fact]
    public async Task Get_UnknownVersion_Returns400InvalidVersion()
    {
        var reply = await Api.App(_emulator).GetAsync("v9/users");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Invalid version: v9");
    }

    [Fact]
    public async Task Response_Always_HasGraphHeadersAndEchoesClientRequestId()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}", ("client-request-id", "abc-123"));

        reply.Header("client-request-id").Should().Be("abc-123");
        Guid.TryParse(reply.Header("request-id"), out _).Should().BeTrue();
        reply.Header("Date").Should().NotBeNullOrEmpty();
        reply.Header("x-ms-resource-unit").Should().Be("1");
    }
}
