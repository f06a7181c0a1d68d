using System.Text.Json;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Testing;

public class FaultRuleTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static Dictionary<string, string> AddAdele => new() { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) };

    private static string Falcon => $"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref";

    [Fact]
    public async Task MalformedBody_On204_Becomes200JsonWithTruncatedBody()
    {
        _emulator.Faults.MalformedBody(1, "POST");

        var reply = await Api.App(_emulator).PostAsync(Falcon, AddAdele);

        reply.Status.Should().Be(200);
        reply.ContentType.Should().StartWith("application/json");
        reply.Body.Should().NotBeEmpty();
        var act = () => JsonDocument.Parse(reply.Body);
        act.Should().Throw<JsonException>();
        _emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId)).Should().BeTrue();
    }

    [Fact]
    public async Task MalformedBody_On204_KestrelAndInProcessAnswerIdentically()
    {
        var inProcess = Emulators.Demo();
        await using var server = await EmulatorServer.StartAsync(Emulators.Demo());
        inProcess.Faults.MalformedBody(1, "POST");
        server.Emulator.Faults.MalformedBody(1, "POST");
        var token = EmulatorTokens.CreateApplication(Api.ReadWrite);

        var a = await new Api(inProcess.CreateHandler(), token).PostAsync(Falcon, AddAdele);
        var b = await new Api(new SocketsHttpHandler(), token, server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/").PostAsync(Falcon, AddAdele);

        b.Status.Should().Be(a.Status).And.Be(200);
        b.ContentType.Should().Be(a.ContentType);
        b.Body.Should().Be(a.Body).And.NotBeEmpty();
    }

    [Fact]
    public async Task AddRoundTripLatency_BatchOfThreeAndOneRequest_DelaysEachHttpRequestOnce()
    {
        var rule = _emulator.Faults.AddRoundTripLatency(TimeSpan.FromMilliseconds(1));
        var batch = new
        {
            requests = Enumerable.Range(1, 3).Select(i => new { id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), method = "GET", url = $"/users/{DemoTenant.AdeleVanceId}" }).ToArray(),
        };

        (await Api.App(_emulator).PostAsync("v1.0/$batch", batch)).Status.Should().Be(200);
        (await Api.App(_emulator).GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}")).Status.Should().Be(200);

        rule.Hits.Should().Be(2, "the envelope and the plain request are two round trips; the three steps ride in the first");
    }

    [Fact]
    public async Task FailNext_PathWithAtSign_MatchesPercentEncodedRequestPath()
    {
        var rule = _emulator.Faults.FailNext(1, 503, "GET", "/users/AdeleV@contoso.com");

        var reply = await Api.App(_emulator).GetAsync("v1.0/users/AdeleV%40contoso.com");

        reply.Status.Should().Be(503);
        rule.Hits.Should().Be(1);
    }

    [Fact]
    public async Task FailNext_GraphSdkUpnLookup_Fires()
    {
        _emulator.Faults.FailNext(1, 404, "GET", "/users/AdeleV@contoso.com");
        var graph = Emulators.Graph(_emulator);

        var act = () => graph.Users[DemoTenant.AdeleVanceUpn].GetAsync();

        await act.Should().ThrowAsync<Microsoft.Graph.Models.ODataErrors.ODataError>();
        _emulator.Journal.Entries[0].RawPath.Should().Contain("%40");
    }

    [Fact]
    public async Task FailNext_EncodedPattern_StillMatchesRawPath()
    {
        _emulator.Faults.FailNext(1, 503, "GET", "/users/AdeleV%40contoso.com");

        (await Api.App(_emulator).GetAsync("v1.0/users/AdeleV%40contoso.com")).Status.Should().Be(503);
    }

    [Theory]
    [InlineData(0, 503)]
    [InlineData(-1, 503)]
    [InlineData(1, 99)]
    [InlineData(1, 600)]
    [InlineData(1, 0)]
    public void FailNext_InvalidCountOrStatus_ThrowsArgumentOutOfRange(int count, int status)
    {
        var act = () => _emulator.Faults.FailNext(count, status);

        act.Should().Throw<ArgumentOutOfRangeException>();
        _emulator.Faults.Rules.Should().BeEmpty();
    }

    [Fact]
    public void DropConnectionAndMalformedBody_CountBelowOne_Throw()
    {
        ((Action)(() => _emulator.Faults.DropConnection(0))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _emulator.Faults.MalformedBody(0))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _emulator.Faults.AddLatency(TimeSpan.FromMilliseconds(1), times: 0))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _emulator.Faults.AddLatency(TimeSpan.FromMilliseconds(-1)))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task AddLatency_CountOverload_DelaysOnlyThatManyRequests()
    {
        var time = new ManualTimeProvider();
        var emulator = new GraphEmulator(DemoTenant.Create(), new GraphEmulatorOptions { TimeProvider = time });
        var rule = emulator.Faults.AddLatency(TimeSpan.Zero, 2, "GET");
        var api = Api.App(emulator);

        for (var i = 0; i < 3; i++)
        {
            await api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}");
        }

        rule.Hits.Should().Be(2);
        rule.IsExhausted.Should().BeTrue();
    }

    [Fact]
    public async Task FailNext_PathLess_SkipsBatchEnvelopeAndFailsTheStep()
    {
        _emulator.Faults.FailNext(1, 503);
        var body = $$"""{"requests":[{"id":"1","method":"GET","url":"/users/{{DemoTenant.AdeleVanceId}}"}]}""";

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", body);

        reply.Status.Should().Be(200);
        reply.Json["responses"]![0]!["status"]!.GetValue<int>().Should().Be(503);
    }

    [Fact]
    public async Task FailNext_MethodOnlyPost_SkipsBatchEnvelope()
    {
        _emulator.Faults.FailNext(1, 503, "POST");
        var body = $$$"""{"requests":[{"id":"1","method":"POST","url":"/groups/{{{DemoTenant.ProjectFalconGroupId}}}/members/$ref","headers":{"Content-Type":"application/json"},"body":{"@odata.id":"{{{Emulators.Ref(DemoTenant.AdeleVanceId)}}}"}}]}""";

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", body);

        reply.Status.Should().Be(200);
        reply.Json["responses"]![0]!["status"]!.GetValue<int>().Should().Be(503);
    }

    [Fact]
    public async Task FailNext_ExplicitBatchPath_FailsTheEnvelope()
    {
        _emulator.Faults.FailNext(1, 503, "POST", "/$batch");
        var body = $$"""{"requests":[{"id":"1","method":"GET","url":"/users/{{DemoTenant.AdeleVanceId}}"}]}""";

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", body);

        reply.Status.Should().Be(503);
        _emulator.Journal.Entries.Should().NotContain(e => e.BatchStepId != null);
    }
}
