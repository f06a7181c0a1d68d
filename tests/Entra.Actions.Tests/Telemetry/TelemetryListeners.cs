namespace Entra.Actions.Tests.Telemetry;

/// <summary>
/// Listeners of the library's ActivitySource and Meter are process-wide: the tests that use them run alone, after the parallel
/// ones, so no other test's requests land in their counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryListeners
{
    public const string Name = "Telemetry";
}
