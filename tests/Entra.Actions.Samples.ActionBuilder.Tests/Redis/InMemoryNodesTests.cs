using System.Net;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Redis;

/// <summary>Without Redis each node keeps its own stores: what the two-node tests show is Redis's doing.</summary>
public sealed class InMemoryNodesTests : IAsyncLifetime
{
    private EmulatorServer _emulator = null!;
    private AppNode _a = null!;
    private AppNode _b = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(EmulatedEntra.CreateEmulator());
        _a = await AppNode.StartAsync(_emulator);
        _b = await AppNode.StartAsync(_emulator);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ConnectOnA_WithoutRedis_BDoesNotSeeIt()
    {
        using var onA = new AdminBrowser(_a.Url);
        await AdminFlows.ConnectAsync(onA, "contoso");
        (await AdminFlows.ConnectionNamesAsync(onA)).Should().Equal("contoso");

        using var onB = new AdminBrowser(_b.Url);
        (await AdminFlows.ConnectionNamesAsync(onB)).Should().BeEmpty();
        using var check = await onB.Http.GetAsync("/api/connections/contoso");
        check.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AntiforgeryTokenFromA_WithoutRedis_RefusedOnB()
    {
        using var browser = new AdminBrowser(_a.Url);
        await browser.AntiforgeryAsync();

        using var onB = await browser.SendAsync(HttpMethod.Post, new Uri(_b.Url, "/api/connections/contoso/connect").AbsoluteUri);

        onB.StatusCode.Should().Be(HttpStatusCode.BadRequest, "each node has its own ephemeral key ring");
    }
}
