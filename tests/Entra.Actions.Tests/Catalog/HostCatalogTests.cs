using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Entra.Actions.Tests.Catalog;

/// <summary>A host's own catalog decides what the invoker runs: its own actions run, the ids it leaves out do not.</summary>
public class HostCatalogTests
{
    internal const string Ping = "contoso.ping";

    private readonly CatalogSamples.Fixture _fixture = new();

    /// <summary>The host's action: echoes its <c>message</c> input, and reports which id ran it.</summary>
    internal static EntraActionDescriptor PingDescriptor(Func<EntraActionContext, CancellationToken, Task<EntraActionResult<JsonObject>>>? handler = null) => new()
    {
        Id = Ping,
        DisplayName = "Ping",
        Description = "Answers with the message it was given.",
        Inputs = [new() { Name = "message", DisplayName = "Message", TypeName = "string", IsRequired = true, Description = "What to answer." }],
        Outputs = [new() { Name = "reply", DisplayName = "Reply", TypeName = "string", IsRequired = true, Description = "The message." }],
        InputSchema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["message"] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray("message"),
            ["additionalProperties"] = false,
        },
        OutputSchema = new JsonObject { ["type"] = "object" },
        DelegatedPermissions = [],
        ApplicationPermissions = [],
        Handler = handler ?? ((context, _) => Task.FromResult(EntraActionResult.Success(new JsonObject
        {
            ["reply"] = context.Inputs.GetProperty("message").GetString(),
            ["ranAs"] = context.ActionId,
        }))),
    };

    /// <summary>A host catalog: the library's look-up of a user plus the host's own ping.</summary>
    internal sealed class HostCatalog(params EntraActionDescriptor[] actions) : IEntraActionCatalog
    {
        public IReadOnlyList<EntraActionDescriptor> Actions { get; } = actions;

        public EntraActionDescriptor? Find(string actionId) => Actions.FirstOrDefault(a => a.Id == actionId);
    }

    private EntraActionInvoker Invoker(IEntraActionCatalog catalog) =>
        new(catalog, _fixture.Actions.Object, _fixture.Bulk.Object, NullLogger<EntraActionInvoker>.Instance);

    private HostCatalog LookupAndPing(EntraActionDescriptor? ping = null) =>
        new(_fixture.Catalog.Find(CatalogSamples.LookupUser)!, ping ?? PingDescriptor());

    [Fact]
    public async Task InvokeAsync_HostCatalogAddsAnAction_RunsItsHandler()
    {
        var result = await Invoker(LookupAndPing()).InvokeAsync(Ping, new JsonObject { ["message"] = "hello" });

        result.Succeeded.Should().BeTrue(result.ToString());
        result.ActionId.Should().Be(Ping);
        result.Outputs.GetRawText().Should().Be("""{"reply":"hello","ranAs":"contoso.ping"}""");
        _fixture.Actions.VerifyNoOtherCalls();
        _fixture.Bulk.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task InvokeAsync_HostCatalogKeepsALibraryAction_RunsTheLibrarysHandler()
    {
        _fixture.SetUpSuccess(CatalogSamples.LookupUser);

        var result = await Invoker(LookupAndPing()).InvokeAsync(CatalogSamples.LookupUser, CatalogSamples.Inputs(CatalogSamples.LookupUser));

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.GetProperty("displayName").GetString().Should().Be("Adele Vance");
    }

    [Fact]
    public async Task InvokeAsync_LibraryActionTheHostLeftOut_IsRefusedAsUnknown()
    {
        var result = await Invoker(LookupAndPing()).InvokeAsync(CatalogSamples.AddUserToGroup, CatalogSamples.Inputs(CatalogSamples.AddUserToGroup));

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().Be("Unknown action 'entra.add_user_to_group'. Known actions: entra.lookup_user, contoso.ping.");
        _fixture.Actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task InvokeAsync_HostActionInputsBreakItsSchema_AreRejectedNamingTheFieldWithoutRunning()
    {
        var ran = false;
        var ping = PingDescriptor((_, _) =>
        {
            ran = true;
            return Task.FromResult(EntraActionResult.Success(new JsonObject()));
        });

        var result = await Invoker(LookupAndPing(ping)).InvokeAsync(Ping, new JsonObject { ["message"] = 42, ["extra"] = true });

        ran.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Invalid inputs for action 'contoso.ping': ")
            .And.Contain("input 'extra' is not an input of this action")
            .And.Contain("input 'message' must be a string, not a number")
            .And.EndWith("It takes message.");
    }

    [Fact]
    public async Task InvokeAsync_HostHandler_GetsReadOnlyInputsAndTheConnectionsActions()
    {
        EntraActionContext? seen = null;
        var ping = PingDescriptor((context, _) =>
        {
            seen = context;
            return Task.FromResult(EntraActionResult.Success(new JsonObject()));
        });
        var inputs = new JsonObject { ["message"] = "before" };

        await Invoker(LookupAndPing(ping)).InvokeAsync(Ping, inputs);
        inputs["message"] = "after";

        seen!.ActionId.Should().Be(Ping);
        seen.Inputs.GetProperty("message").GetString().Should().Be("before");
        seen.Actions.Should().BeSameAs(_fixture.Actions.Object);
        seen.Bulk.Should().BeSameAs(_fixture.Bulk.Object);
    }

    [Fact]
    public async Task InvokeAsync_HostHandlerFails_ReturnsItsError()
    {
        var error = new EntraActionError(EntraErrorKind.NotFound, "No pong.");
        var ping = PingDescriptor((_, _) => Task.FromResult(EntraActionResult.Failure<JsonObject>(error)));

        var result = await Invoker(LookupAndPing(ping)).InvokeAsync(Ping, new JsonObject { ["message"] = "hello" });

        result.Error.Should().BeSameAs(error);
        result.Outputs.EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_HostHandlerThrows_ReturnsServiceErrorWithoutItsMessage()
    {
        var ping = PingDescriptor((_, _) => throw new InvalidOperationException("secret detail"));

        var result = await Invoker(LookupAndPing(ping)).InvokeAsync(Ping, new JsonObject { ["message"] = "hello" });

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Be("Action 'contoso.ping' failed unexpectedly (InvalidOperationException).");
    }

    [Fact]
    public async Task InvokeAsync_HostHandlerReturnsNoResult_ReturnsServiceError()
    {
        var ping = PingDescriptor((_, _) => Task.FromResult<EntraActionResult<JsonObject>>(null!));

        var result = await Invoker(LookupAndPing(ping)).InvokeAsync(Ping, new JsonObject { ["message"] = "hello" });

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Be("Action 'contoso.ping' returned no result.");
    }

    [Fact]
    public async Task InvokeAsync_HostHandlerCancelledByTheCaller_Throws()
    {
        using var cts = new CancellationTokenSource();
        var ping = PingDescriptor(async (_, cancellationToken) =>
        {
            await cts.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return EntraActionResult.Success(new JsonObject());
        });

        var invoke = () => Invoker(LookupAndPing(ping)).InvokeAsync(Ping, new JsonObject { ["message"] = "hello" }, cts.Token);

        await invoke.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task AddEntraActions_HostCatalogRegisteredFirst_ItsActionRunsThroughTheRegisteredInvoker()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IEntraActionCatalog>(new HostCatalog([.. new EntraActionCatalog().Actions, PingDescriptor()]));
        services.AddEntraActions(o => o.Credential = new TestSupport.FakeTokenCredential());
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IEntraActionInvoker>().InvokeAsync(Ping, new JsonObject { ["message"] = "hi" });

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.GetProperty("reply").GetString().Should().Be("hi");
    }

    [Fact]
    public void Descriptor_NullHandlerOrSchema_Throws()
    {
        var noHandler = () => new EntraActionDescriptor
        {
            Id = Ping,
            DisplayName = "Ping",
            Description = "d",
            Inputs = [],
            Outputs = [],
            InputSchema = [],
            OutputSchema = [],
            DelegatedPermissions = [],
            ApplicationPermissions = [],
            Handler = null!,
        };
        var noSchema = () => new EntraActionDescriptor
        {
            Id = Ping,
            DisplayName = "Ping",
            Description = "d",
            Inputs = [],
            Outputs = [],
            InputSchema = null!,
            OutputSchema = [],
            DelegatedPermissions = [],
            ApplicationPermissions = [],
            Handler = (_, _) => Task.FromResult(EntraActionResult.Success(new JsonObject())),
        };

        noHandler.Should().Throw<ArgumentNullException>();
        noSchema.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Descriptor_ToJson_HasNoHandlerAndKeepsTheHostsSchemas()
    {
        var json = PingDescriptor().ToJsonObject();

        json.Select(p => p.Key).Should().Equal(
            "id", "displayName", "description", "inputs", "outputs", "inputSchema", "outputSchema",
            "delegatedPermissions", "applicationPermissions", "isWrite", "isBulk");
        json["inputSchema"]!["required"]![0]!.GetValue<string>().Should().Be("message");
    }

    [Fact]
    public void Context_InputsNotAnObject_Throws()
    {
        var create = () => new EntraActionContext(Ping, JsonSerializer.SerializeToElement(new[] { 1 }), _fixture.Actions.Object, _fixture.Bulk.Object);

        create.Should().Throw<ArgumentException>().WithParameterName("inputs");
    }
}
