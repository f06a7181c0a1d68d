namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>Looks for every secret of the run in every captured text (ordinal, as the secret was issued).</summary>
internal static class MarkerSearch
{
    public static List<Leak> Find(TelemetryCapture capture, Secrets secrets)
    {
        var leaks = new List<Leak>();
        foreach (var (where, texts) in capture.Texts)
        {
            foreach (var text in texts)
            {
                foreach (var (secret, kind) in secrets.Values)
                {
                    if (text.Contains(secret, StringComparison.Ordinal))
                    {
                        leaks.Add(new Leak(kind, where, text));
                    }
                }
            }
        }

        return leaks;
    }
}

internal sealed record Leak(string Kind, string Where, string Text);
