using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Tests.Health;

public static class HealthAssertions
{
    /// <summary>None of <paramref name="secrets"/> appears in the entry's description, data (keys and values) or exception, and no exception is attached.</summary>
    public static void ShouldNotReveal(this HealthReportEntry entry, params string[] secrets)
    {
        entry.Exception.Should().BeNull("health publishers and UIs show the exception, and its text can quote a secret");
        var shown = string.Join("\n", new[] { entry.Description ?? string.Empty }
            .Concat(entry.Data.Select(pair => $"{pair.Key}={pair.Value}")));
        foreach (var secret in secrets)
        {
            shown.Should().NotContain(secret);
        }
    }
}
