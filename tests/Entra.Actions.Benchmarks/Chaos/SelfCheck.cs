using System.Diagnostics;
using System.Diagnostics.Metrics;
using Entra.Actions.Emulator;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// Proves the two detectors can fail: the allow-list must refuse known-bad requests and pass the library's real shapes, and the
/// marker search must find a planted secret in a log message, a log scope, an activity tag and a metric tag. Runs before the
/// scenario on its own capture, so nothing planted here reaches the real search.
/// </summary>
internal static partial class SelfCheck
{
    private const string G = "1e2d0c0d-9f8a-4b7c-8e6d-0c0de0000c33";
    private const string U = "7f5e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f";

    public static (int Missed, int Checks) AllowList()
    {
        (string Method, string Path, string Query, string? Body, bool Step, bool Allowed)[] cases =
        [
            ("GET", "/v1.0/users/" + U, string.Empty, null, false, true),
            ("GET", "/v1.0/users/AdeleV%40contoso.com", "%24select=id,displayName,department", null, false, true),
            ("GET", "/v1.0/users/guest_fabrikam.com%23EXT%23%40contoso.onmicrosoft.com", string.Empty, null, false, true),
            ("GET", "/v1.0/groups/" + G, string.Empty, null, false, true),
            ("POST", $"/v1.0/groups/{G}/members/$ref", string.Empty, $"{{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/{U}\"}}", false, true),
            ("DELETE", $"/v1.0/groups/{G}/members/{U}/$ref", string.Empty, null, true, true),
            ("PATCH", "/v1.0/groups/" + G, string.Empty, $"{{\"@odata.type\":\"#microsoft.graph.group\",\"members@odata.bind\":[\"https://graph.microsoft.com/v1.0/directoryObjects/{U}\"]}}", true, true),
            ("GET", "/v1.0/users", $"$filter=id in ('{U}')&$select=id,displayName", null, true, true),
            ("GET", "/v1.0/users", "$filter=userPrincipalName in ('o''brien@contoso.com')&$select=id", null, true, true),
            ("DELETE", $"/v1.0/groups/{G}/members/{U}", string.Empty, null, false, false),
            ("DELETE", "/v1.0/users/" + U, string.Empty, null, true, false),
            ("GET", "/v1.0/users/%2e%2e", string.Empty, null, false, false),
            ("GET", "/v1.0/users/a%2Fb%40contoso.com", string.Empty, null, false, false),
            ("GET", "/v1.0/users/" + U + "/memberOf", string.Empty, null, false, false),
            ("GET", "/v1.0/groups/not-a-guid", string.Empty, null, false, false),
            ("GET", "/v1.0/users/" + U, "$select=id&$expand=manager", null, false, false),
            ("GET", "/v1.0/users", "$filter=userPrincipalName in ('a') or (1 eq 1')&$select=id", null, true, false),
            ("POST", $"/v1.0/groups/{G}/members/$ref", string.Empty, "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/users/..\"}", false, false),
            ("PATCH", "/v1.0/groups/" + G, string.Empty, "{\"displayName\":\"x\"}", true, false),
            ("POST", "/v1.0/$batch", string.Empty, null, true, false),
            ("GET", "/v1.0/$batch", string.Empty, null, false, false),
        ];
        var missed = 0;
        foreach (var (method, path, query, body, step, allowed) in cases)
        {
            var entry = new JournalEntry
            {
                Timestamp = DateTimeOffset.UtcNow,
                Method = method,
                RawPath = path,
                Query = query,
                Headers = new Dictionary<string, string>(),
                HasAuthorization = true,
                Body = body,
                StatusCode = 200,
                RequestId = "self-check",
                BatchStepId = step ? "1" : null,
            };
            if (WireShapes.IsAllowed(entry, out _) != allowed)
            {
                missed++;
                Console.Error.WriteLine($"allow-list self-check: {method} {path}?{query} should be {(allowed ? "allowed" : "refused")}");
            }
        }

        return (missed, cases.Length);
    }

    public static (int Found, int Planted) MarkerSearch()
    {
        using var capture = new TelemetryCapture();
        var secrets = new Secrets();
        var planted = secrets.Add("canary", "chaosCanary" + Guid.NewGuid().ToString("N"));
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture)))
        {
            var logger = factory.CreateLogger("Entra.Actions.SelfCheck");
            Planted(logger, planted);
            using (logger.BeginScope(new Dictionary<string, object?> { ["Scoped"] = planted }))
            {
                Planted(logger, "inside a scope");
            }
        }

        using (var source = new ActivitySource(TelemetryCapture.SourceName))
        using (var activity = source.StartActivity("self-check"))
        {
            activity?.SetTag("canary", planted);
        }

        using (var meter = new Meter(TelemetryCapture.SourceName))
        {
            meter.CreateCounter<long>("self_check").Add(1, new KeyValuePair<string, object?>("canary", planted));
        }

        return (Chaos.MarkerSearch.Find(capture, secrets).Count, 4);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = "value {Value}")]
    private static partial void Planted(ILogger logger, string value);
}
