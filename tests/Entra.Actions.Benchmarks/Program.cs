using System.Globalization;
using Entra.Actions.Benchmarks.Chaos;
using Entra.Actions.Benchmarks.Cluster;
using Entra.Actions.Benchmarks.Micro;
using Entra.Actions.Benchmarks.Scale;
using Entra.Actions.Benchmarks.Scenarios;
using Entra.Actions.Benchmarks.Tenants;
using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks;

internal static class Program
{
    private const string Usage = """
        Usage:
          dotnet run -c Release --project tests/Entra.Actions.Benchmarks -- scenarios [--latency-ms 20] [--time-scale 50] [--retry-after fractional|whole|both]
          dotnet run -c Release --project tests/Entra.Actions.Benchmarks -- micro [BenchmarkDotNet arguments]
          dotnet run -c Release --project tests/Entra.Actions.Benchmarks -- scale
          dotnet run -c Release --project tests/Entra.Actions.Benchmarks -- chaos
          dotnet run -c Release --project tests/Entra.Actions.Benchmarks -- tenants [--connections 10000,100000]
          dotnet run -c Release --project tests/Entra.Actions.Benchmarks -- cluster [--time-scale 50] [--latency-ms 20] [--retry-after whole|fractional] [--phases 1,2,3]
        """;

    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "scenarios":
                if (!TryParseScenarioArgs(args[1..], out var settings, out var error))
                {
                    await Console.Error.WriteLineAsync(error + Environment.NewLine + Usage);
                    return 2;
                }

                return await new ScenarioRunner(settings, Console.Out).RunAsync();
            case "scale" when args.Length == 1:
                return await new ScaleRunner(Console.Out).RunAsync();
            case "chaos" when args.Length == 1:
                return await new ChaosRunner(Console.Out).RunAsync();
            case "tenants":
                if (!TryParseTenantArgs(args[1..], out var counts))
                {
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                }

                return await new TenantsRunner(counts, Console.Out).RunAsync();
            case "cluster":
                if (!TryParseClusterArgs(args[1..], out var cluster, out var clusterError))
                {
                    await Console.Error.WriteLineAsync(clusterError + Environment.NewLine + Usage);
                    return 2;
                }

                return await new ClusterRunner(cluster, Console.Out).RunAsync();
            case "micro":
                return MicroRunner.Run(Console.Out, args[1..]);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static bool TryParseTenantArgs(string[] args, out IReadOnlyList<int> counts)
    {
        counts = TenantsRunner.DefaultCounts;
        if (args.Length == 0)
        {
            return true;
        }

        var parsed = args.Length == 2 && args[0] == "--connections"
            ? args[1].Split(',').Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0).ToList()
            : [];
        counts = parsed;
        return parsed.Count > 0 && parsed.All(n => n > 0);
    }

    private static bool TryParseClusterArgs(string[] args, out ClusterSettings settings, out string error)
    {
        settings = new ClusterSettings(TimeScale: 50, Latency: TimeSpan.FromMilliseconds(20), RetryAfterFormat.WholeSeconds);
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--time-scale" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0:
                    settings = settings with { TimeScale = scale };
                    i++;
                    break;
                case "--latency-ms" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0:
                    settings = settings with { Latency = TimeSpan.FromMilliseconds(ms) };
                    i++;
                    break;
                case "--retry-after" when value is "whole" or "fractional":
                    settings = settings with { RetryAfterFormat = value == "whole" ? RetryAfterFormat.WholeSeconds : RetryAfterFormat.FractionalSeconds };
                    i++;
                    break;
                case "--phases" when value is not null && value.Split(',').All(p => p is "1" or "2" or "3"):
                    settings = settings with { Phases = value.Split(',').Select(p => p[0] - '0').ToHashSet() };
                    i++;
                    break;
                default:
                    error = $"Unknown or invalid option '{args[i]}'.";
                    return false;
            }
        }

        return true;
    }

    private static bool TryParseScenarioArgs(string[] args, out ScenarioSettings settings, out string error)
    {
        var latencyMs = 20.0;
        var timeScale = 50.0;
        var format = RetryAfterFormat.FractionalSeconds;
        var both = true;
        settings = null!;
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--latency-ms" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0:
                    latencyMs = ms;
                    i++;
                    break;
                case "--time-scale" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0:
                    timeScale = scale;
                    i++;
                    break;
                case "--retry-after" when value is "fractional" or "whole" or "both":
                    format = value == "whole" ? RetryAfterFormat.WholeSeconds : RetryAfterFormat.FractionalSeconds;
                    both = value == "both";
                    i++;
                    break;
                default:
                    error = $"Unknown or invalid option '{args[i]}'.";
                    return false;
            }
        }

        settings = new ScenarioSettings(TimeSpan.FromMilliseconds(latencyMs), timeScale, format, both);
        return true;
    }
}
