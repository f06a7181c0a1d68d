using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// The chaos scenario: hostile ids through every entry point, concurrent mixed actions on one group under injected faults, and a
/// search for the run's secrets in everything the library emitted. Exit code 0 only when every "must be 0" figure is 0.
/// </summary>
internal sealed class ChaosRunner(TextWriter output)
{
    private const string Ran = "must be yes";
    private readonly List<(string Measure, string Figure, long? MustBeZero)> _rows = [];

    public async Task<int> RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        output.WriteLine("Entra.Actions chaos: in-process emulator with a request journal, every log at Trace captured, listeners on \"Entra.Actions\".");
        output.WriteLine($"Runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        output.WriteLine();

        var (missed, checks) = SelfCheck.AllowList();
        var (found, planted) = SelfCheck.MarkerSearch();
        output.WriteLine($"Self-check: the allow-list judged {checks - missed} of {checks} known requests right; the marker search found {found} of {planted} planted secrets (log, scope, activity tag, metric tag).");
        _rows.Add(("Self-check misses (allow-list, marker search)", $"{missed + planted - found}", missed + planted - found));

        using var capture = new TelemetryCapture();
        var secrets = new Secrets();

        await using (var host = new ChaosHost(capture, secrets))
        {
            var hostile = await new HostileIdsProbe(host).RunAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Hostile ids: {hostile.Distinct:N0} distinct, {hostile.Tried:N0} tries in {hostile.Wall.TotalSeconds:0.0} s; the emulator received {hostile.Requests:N0} requests and {hostile.Steps:N0} $batch steps."));
            foreach (var why in hostile.Outside.Take(10))
            {
                output.WriteLine("  outside the allow-list: " + Shorten(why));
            }

            _rows.Add(("Hostile ids tried (single, bulk, invoker)", $"{hostile.Tried:N0} ({hostile.Distinct:N0} distinct)", null));
            _rows.Add(("Requests outside Graph's allowed shapes", $"{hostile.Outside.Count:N0} of {hostile.Requests + hostile.Steps:N0}", hostile.Outside.Count));
            _rows.Add(("DELETEs without /$ref", $"{hostile.DeletesWithoutRef:N0}", hostile.DeletesWithoutRef));
            _rows.Add(("Exceptions (hostile ids)", $"{hostile.Exceptions:N0}", hostile.Exceptions));
        }

        output.WriteLine();
        await using (var host = new ChaosHost(capture, secrets))
        {
            var mix = await new ConcurrentMix(host).RunAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mixed actions on one group: {mix.Calls:N0} calls ({mix.Items:N0} items: {mix.Users} users x {mix.Rounds} rounds, each round's calls all at once) in {mix.Wall.TotalSeconds:0.0} s = {mix.Items / mix.Wall.TotalSeconds:N0} items/s;"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the emulator received {mix.Requests:N0} requests and {mix.Steps:N0} $batch steps; faults fired: {string.Join(", ", mix.Fired.Select(f => $"{f.Key} x{f.Value:N0}"))}."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  items failed (reported as failures): {mix.Failed:N0} ({string.Join(", ", mix.FailureKinds.Select(f => $"{f.Key} x{f.Value:N0}"))})."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Then one round of writes without faults ({mix.SettleCalls:N0} calls, {mix.SettleFailed:N0} items failed) so every user ends on a known state; users left unknown (last write failed): {mix.Unknown:N0}."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  AlreadyMember/NotAMember after the library's own resend of an applied-then-error write: {mix.Inexact:N0} (final state right; not counted as wrong); cancellations: {mix.Cancellations:N0}."));
            foreach (var error in mix.TopErrors)
            {
                output.WriteLine("  failed: " + Shorten(error));
            }

            foreach (var sample in mix.DisagreementSamples)
            {
                output.WriteLine("  disagreement: " + sample);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round times (s): {string.Join(", ", mix.RoundTimes.Select(t => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)))}."));
            _rows.Add(("Mixed actions: calls (items), time", string.Create(CultureInfo.InvariantCulture, $"{mix.Calls:N0} ({mix.Items:N0}), {mix.Wall.TotalSeconds:0.0} s"), null));
            _rows.Add(("Mixed actions: items reported failed", $"{mix.Failed:N0} of {mix.Items:N0}", null));
            _rows.Add(("Exceptions other than cancellation", $"{mix.Exceptions:N0}", mix.Exceptions));
            _rows.Add(("Results that disagree with final membership", $"{mix.Disagreements + mix.ShapeErrors:N0}", mix.Disagreements + mix.ShapeErrors));
            _rows.Add(("Requests outside allowed shapes (mixed)", $"{mix.Outside:N0} of {mix.Requests + mix.Steps:N0}", mix.Outside));
            _rows.Add(("DELETEs without /$ref (mixed)", $"{mix.DeletesWithoutRef:N0}", mix.DeletesWithoutRef));
        }

        output.WriteLine();
        await using (var host = new ChaosHost(capture, secrets))
        {
            var connect = await new ConnectFlowProbe(host).RunAsync();
            output.WriteLine($"Connect flow (confidential client, PKCE): connected {Yes(connect.Connected)}, replayed code refused {Yes(connect.ReplayRefused)}, forged code refused {Yes(connect.ForgedRefused)}, silent refreshes {connect.Refreshes}, {connect.Actions} actions as the connected user.");
            OptionsProbe.Run(capture, secrets);
            foreach (var text in await CheckHealthAsync(host))
            {
                capture.Add("health", text);
            }

            // The search only means something if the secrets were really handled: a flow that did not run fails the scenario.
            var connectOk = connect.Connected && connect.ReplayRefused && connect.ForgedRefused && connect.Refreshes > 0 ? 0 : 1;
            _rows.Add(("Connect flow ran (connect, refresh, refusals)", connectOk == 0 ? "yes" : "no", connectOk));
        }

        output.WriteLine();
        var leaks = MarkerSearch.Find(capture, secrets);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Marker search: {secrets.Values.Count:N0} secrets ({string.Join(", ", secrets.Values.Values.GroupBy(k => k).Select(g => $"{g.Key} x{g.Count():N0}"))})"));
        if (capture.Activities == 0 || capture.Measurements == 0)
        {
            output.WriteLine("  (no activity or measurement from \"Entra.Actions\" means the library emits none yet: the listeners are on and take them once it does.)");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  searched {capture.LogEntries:N0} log entries, {capture.Activities:N0} activities, {capture.Measurements:N0} measurements, {string.Join(", ", capture.Texts.Select(t => $"{t.Key} {t.Value.Count:N0} texts"))}."));
        foreach (var leak in leaks.Take(10))
        {
            output.WriteLine($"  LEAK: {leak.Kind} in {leak.Where}: {Shorten(leak.Text)}");
        }

        _rows.Add(("Secret markers found", $"{leaks.Count:N0}", leaks.Count));

        Print(Stopwatch.GetElapsedTime(started));
        var failed = _rows.Where(r => r.MustBeZero is > 0).ToList();
        foreach (var row in failed)
        {
            output.WriteLine($"FAIL: {row.Measure} = {row.MustBeZero} (must be 0)");
        }

        if (failed.Count == 0)
        {
            output.WriteLine("PASS: every \"must be 0\" figure is 0.");
        }

        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs the health check healthy and under three faults (429, a dropped connection, 503) and returns every entry's name,
    /// status, description, data, tags and exception as text, for the marker search.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CheckHealthAsync(ChaosHost host)
    {
        var texts = new List<string>();
        var health = host.BuildProvider(more: s => s.AddHealthChecks().AddEntraActions()).GetRequiredService<HealthCheckService>();
        for (var round = 0; round < 4; round++)
        {
            if (round == 1)
            {
                host.Emulator.Faults.FailNext(10, 429, retryAfter: "0.01");
            }

            if (round == 2)
            {
                host.Emulator.Faults.DropConnection(10);
            }

            if (round == 3)
            {
                host.Emulator.Faults.FailNext(10, 503, retryAfter: "0.01");
            }

            var report = await health.CheckHealthAsync();
            host.Emulator.Faults.Clear();
            foreach (var (name, e) in report.Entries)
            {
                texts.Add($"{name} {e.Status} {e.Description} {string.Join("; ", e.Data.Select(d => $"{d.Key}={d.Value}"))} {string.Join(",", e.Tags)} {e.Exception}");
            }
        }

        return texts;
    }

    private static string Yes(bool value) => value ? "yes" : "NO";

    private static string Shorten(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= 200 ? clean : clean[..200] + "...";
    }

    private void Print(TimeSpan total)
    {
        output.WriteLine();
        var w1 = Math.Max(7, _rows.Max(r => r.Measure.Length));
        var w2 = Math.Max(6, _rows.Max(r => r.Figure.Length));
        output.WriteLine($"| {"Measure".PadRight(w1)} | {"Figure".PadLeft(w2)} | Target      | Result |");
        output.WriteLine($"|:{new string('-', w1)}-|-{new string('-', w2)}:|:------------|:-------|");
        foreach (var (measure, figure, mustBeZero) in _rows)
        {
            var target = mustBeZero is null ? "-" : figure is "yes" or "no" ? Ran : "must be 0";
            var result = mustBeZero is null ? "-" : mustBeZero == 0 ? "PASS" : "FAIL";
            output.WriteLine($"| {measure.PadRight(w1)} | {figure.PadLeft(w2)} | {target,-11} | {result,-6} |");
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total run time {total.TotalSeconds:0} s."));
    }
}
