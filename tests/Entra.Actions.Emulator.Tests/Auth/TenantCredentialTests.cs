using Azure.Core;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Auth;

/// <summary>Credentials for a custom-seeded tenant, and tokens minted on the emulator's clock.</summary>
public class TenantCredentialTests
{
    private static readonly Guid FabrikamTenant = Guid.Parse("3c1d0e2f-0000-4000-8000-fab000000001");
    private static readonly Guid AnnId = Guid.Parse("3c1d0e2f-0000-4000-8000-fab000000a01");
    private static readonly TokenRequestContext Context = new(["https://graph.microsoft.com/.default"]);

    private static GraphEmulator Fabrikam(TimeProvider? time = null)
    {
        var directory = new EmulatedDirectory(new EmulatedOrganization { Id = FabrikamTenant, DisplayName = "Fabrikam", VerifiedDomains = ["fabrikam.com"] })
            .AddUser(new EmulatedUser { Id = AnnId, DisplayName = "Ann", UserPrincipalName = "ann@fabrikam.com" });
        var options = new GraphEmulatorOptions();
        options.Throttling.Enabled = false;
        if (time is not null)
        {
            options.TimeProvider = time;
        }

        return new GraphEmulator(directory, options);
    }

    private static async Task<Reply> GetWith(GraphEmulator emulator, TokenCredential credential, string path)
    {
        var token = await credential.GetTokenAsync(Context, default);
        return await new Api(emulator.CreateHandler(), token.Token).GetAsync(path);
    }

    [Fact]
    public async Task DemoTenantCredential_AgainstCustomTenant_Returns401SayingTenantDoesNotMatch()
    {
        var emulator = Fabrikam();

        var reply = await GetWith(emulator, EmulatorCredential.ForApplication("User.Read.All"), $"v1.0/users/{AnnId}");

        reply.Status.Should().Be(401);
        reply.ErrorCode.Should().Be("InvalidAuthenticationToken");
        reply.ErrorMessage.Should().Contain("tenant").And.Contain("does not match the emulated tenant").And.Contain(FabrikamTenant.ToString());
    }

    [Fact]
    public async Task ForApplication_WithTenantId_IsAccepted()
    {
        var emulator = Fabrikam();

        var reply = await GetWith(emulator, EmulatorCredential.ForApplication(["User.Read.All"], FabrikamTenant.ToString()), $"v1.0/users/{AnnId}");

        reply.Status.Should().Be(200);
    }

    [Fact]
    public async Task ForDelegated_WithTenantId_IsAccepted()
    {
        var emulator = Fabrikam();

        var reply = await GetWith(emulator, EmulatorCredential.ForDelegated(["User.Read"], AnnId.ToString(), "ann@fabrikam.com", FabrikamTenant.ToString()), "v1.0/me");

        reply.Status.Should().Be(200);
        reply.Json["id"]!.GetValue<string>().Should().Be(AnnId.ToString());
    }

    [Fact]
    public async Task CreateApplicationCredential_StampsDirectoryTenant_WorksWithGraphSdk()
    {
        var emulator = Fabrikam();
        var graph = Emulators.Graph(emulator, emulator.CreateApplicationCredential("User.Read.All"));

        var user = await graph.Users[AnnId.ToString()].GetAsync();

        user!.DisplayName.Should().Be("Ann");
    }

    [Fact]
    public async Task CreateDelegatedCredential_DefaultsToFirstUserOfCustomTenant()
    {
        var emulator = Fabrikam();
        var graph = Emulators.Graph(emulator, emulator.CreateDelegatedCredential(["User.Read"]));

        var me = await graph.Me.GetAsync();

        me!.Id.Should().Be(AnnId.ToString());
    }

    [Fact]
    public async Task CreateDelegatedCredential_DemoTenant_DefaultsToAdele()
    {
        var emulator = Emulators.Demo();

        var reply = await GetWith(emulator, emulator.CreateDelegatedCredential(["User.Read"]), "v1.0/me");

        reply.Json["id"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceId);
    }

    [Fact]
    public async Task CreateApplicationCredential_EmulatorClockAhead_TokenIsValidAndExpiresOnThatClock()
    {
        var time = new ManualTimeProvider();
        time.Advance(TimeSpan.FromDays(3));
        var emulator = Fabrikam(time);
        var credential = emulator.CreateApplicationCredential("User.Read.All");

        var token = await credential.GetTokenAsync(Context, default);
        var reply = await new Api(emulator.CreateHandler(), token.Token).GetAsync($"v1.0/users/{AnnId}");

        token.ExpiresOn.Should().BeCloseTo(time.GetUtcNow().AddHours(1), TimeSpan.FromSeconds(1));
        reply.Status.Should().Be(200);
    }

    [Fact]
    public async Task CreateDelegatedCredential_EmulatorClockBehind_TokenIsNotYetExpiredOnEmulatorClock()
    {
        var time = new ManualTimeProvider();
        time.Advance(TimeSpan.FromDays(-3));
        var emulator = Fabrikam(time);
        var credential = emulator.CreateDelegatedCredential(["User.Read"]);

        var token = await credential.GetTokenAsync(Context, default);

        token.ExpiresOn.Should().BeCloseTo(time.GetUtcNow().AddHours(1), TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromHours(2));
        (await new Api(emulator.CreateHandler(), token.Token).GetAsync("v1.0/me")).Status.Should().Be(401);
    }

    [Fact]
    public async Task TokenEndpoint_EmulatorClockAhead_IssuesTokenValidOnThatClock()
    {
        var time = new ManualTimeProvider();
        time.Advance(TimeSpan.FromDays(3));
        var emulator = Fabrikam(time);
        var http = new HttpClient(emulator.CreateHandler());
        var json = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("https://graph.emulator.local/_emulator/token?roles=User.Read.All"))!;

        var reply = await new Api(emulator.CreateHandler(), json["access_token"]!.GetValue<string>()).GetAsync($"v1.0/users/{AnnId}");

        reply.Status.Should().Be(200);
    }
}
