namespace Entra.Actions.IntegrationTests.Support;

/// <summary>
/// Base of every integration test class: a fresh emulator (demo tenant, throttling off unless <see cref="CreateEmulator"/>
/// says otherwise) on the host the derived class names, and the connection's actions. After each test the journal is
/// checked for a DELETE without <c>/$ref</c>.
/// </summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    private EmulatorHarness? _harness;
    private IEntraActions? _actions;
    private IEntraQueryActions? _queries;

    protected abstract EmulatorHost Host { get; }

    protected EmulatorHarness Harness => _harness ?? throw new InvalidOperationException("The harness is not started.");

    protected GraphEmulator Emulator => Harness.Emulator;

    /// <summary>Gets the actions of a connection holding <see cref="Permissions.Connection"/>.</summary>
    protected IEntraActions Actions => _actions ??= Harness.CreateActions(Permissions.Connection);

    /// <summary>Gets the query actions of a connection holding <see cref="Permissions.Connection"/>.</summary>
    protected IEntraQueryActions Queries => _queries ??= Harness.CreateQueries(Permissions.Connection);

    public async Task InitializeAsync() => _harness = await EmulatorHarness.StartAsync(Host, CreateEmulator());

    public async Task DisposeAsync()
    {
        try
        {
            _harness?.Emulator.Journal.ShouldHaveNoDeleteWithoutRef();
        }
        finally
        {
            if (_harness is not null)
            {
                await _harness.DisposeAsync();
            }
        }
    }

    /// <summary>Creates the emulator for one test: the demo tenant with throttling disabled.</summary>
    protected virtual GraphEmulator CreateEmulator()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        return emulator;
    }

    protected bool IsMember(string groupId, string memberId) => Emulator.Directory.IsMember(Guid.Parse(groupId), Guid.Parse(memberId));
}
