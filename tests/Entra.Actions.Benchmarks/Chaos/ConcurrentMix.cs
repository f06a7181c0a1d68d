using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// Concurrent mixed actions against ONE group under injected faults. Each user has its own sequence of operations, one per round,
/// and a round's calls (single, bulk, through the invoker) all run at once; rounds run one after another. So the order of a user's
/// operations is known, and the last successful write of each user decides where it must end up (a failed write may have been
/// applied, so after one either state is accepted until the next success).
/// </summary>
internal sealed class ConcurrentMix(ChaosHost host)
{
    public const int TargetCalls = 2_000;
    private const int Users = 400;
    private const int Seed = 4_2026;
    private const int RequestsPerFault = 8;
    private readonly ConcurrentQueue<ItemResult> _results = new();
    private int _exceptions;
    private int _cancellations;
    private int _calls;
    private int _shapeErrors;
    private readonly List<TimeSpan> _roundTimes = [];

    public async Task<MixReport> RunAsync()
    {
        var ids = host.SeedUsers(Users, "chaos");
        var upns = ids.Select(id => host.Emulator.Directory.FindUser(id)!.UserPrincipalName!).ToList();
        var initial = new bool[Users];
        for (var u = 0; u < Users; u++)
        {
            initial[u] = u % 2 == 0;
            if (initial[u])
            {
                host.Emulator.Directory.AddMember(ChaosHost.Group, Guid.Parse(ids[u]));
            }
        }

        // Injected 429s make the connection's write pacer slow bulk writes down, each call by up to MaxRetryDuration (default
        // 60 s): 10 s keeps the run short and still lets throttled items wait out several Retry-After values.
        var provider = host.BuildProvider(configure: o =>
        {
            o.MaxRetryAttempts = 4;
            o.MaxRetryDuration = TimeSpan.FromSeconds(10);
        });
        var actions = provider.GetRequiredService<IEntraActions>();
        var bulk = provider.GetRequiredService<IEntraBulkActions>();
        var invoker = provider.GetRequiredService<IEntraActionInvoker>();
        var group = ChaosHost.Group.ToString();
        var random = new Random(Seed);
        var before = host.Emulator.Journal.Count;
        var started = Stopwatch.GetTimestamp();
        var rounds = 0;
        IReadOnlyDictionary<string, int> fired;

        await using (var sprinkler = new FaultSprinkler(host.Emulator.Faults, () => host.Emulator.Journal.Count, RequestsPerFault, Seed))
        {
            sprinkler.Start();
            while (Volatile.Read(ref _calls) < TargetCalls)
            {
                await RunRoundAsync(rounds++, random, ids, upns, group, actions, bulk, invoker, writesOnly: false);
            }

            fired = sprinkler.Fired();
        }

        var wall = Stopwatch.GetElapsedTime(started);
        var chaosCalls = _calls;

        // One last round of writes without faults: every user ends on a known state, so the final check covers all of them.
        host.Emulator.Faults.Clear();
        var settle = rounds++;
        await RunRoundAsync(settle, random, ids, upns, group, actions, bulk, invoker, writesOnly: true);
        var settleCalls = _calls - chaosCalls;
        var chaosResults = _results.Where(r => r.Round < settle).ToList();
        var entries = host.Emulator.Journal.Entries.Skip(before).ToList();
        var members = host.Emulator.Directory.GetMemberIds(ChaosHost.Group).Select(g => g.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var check = MixVerifier.Verify([.. _results], ids, initial, members);
        return new MixReport(
            Calls: chaosCalls,
            SettleCalls: settleCalls,
            Items: chaosResults.Count,
            Rounds: settle,
            Users: Users,
            Wall: wall,
            Exceptions: _exceptions,
            Cancellations: _cancellations,
            Failed: chaosResults.Count(r => !r.Succeeded),
            SettleFailed: _results.Count(r => r.Round == settle && !r.Succeeded),
            FailureKinds: chaosResults.Where(r => !r.Succeeded).GroupBy(r => ErrorKind(r.Error)).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Disagreements: check.Disagreements,
            DisagreementSamples: check.Samples,
            Inexact: check.Inexact,
            Unknown: check.Unknown,
            Requests: entries.Count(e => e.BatchStepId is null),
            Steps: entries.Count(e => e.BatchStepId is not null),
            Outside: entries.Count(e => !WireShapes.IsAllowed(e, out _)),
            DeletesWithoutRef: entries.Count(WireShapes.IsDeleteWithoutRef),
            Fired: fired,
            ShapeErrors: _shapeErrors,
            TopErrors: chaosResults.Where(r => !r.Succeeded).GroupBy(r => Shape(r.Error)).OrderByDescending(g => g.Count()).Take(8).Select(g => $"{g.Count():N0} x {g.Key}").ToList(),
            RoundTimes: _roundTimes);
    }

    /// <summary>Starts one call per single operation and per bulk chunk, every user in exactly one of them, all at once.</summary>
    private async Task RunRoundAsync(int round, Random random, List<string> ids, List<string> upns, string group, IEntraActions actions, IEntraBulkActions bulk, IEntraActionInvoker invoker, bool writesOnly)
    {
        var calls = new List<Func<Task>>();
        var byKind = Enumerable.Range(0, Users).GroupBy(_ => writesOnly ? OpKinds.PickWrite(random) : OpKinds.Pick(random));
        foreach (var kindGroup in byKind)
        {
            var kind = kindGroup.Key;
            if (!kind.IsBulk())
            {
                foreach (var u in kindGroup)
                {
                    var input = random.Next(4) == 0 ? upns[u] : ids[u];
                    calls.Add(() => SingleAsync(kind, u, round, input, group, actions, invoker));
                }

                continue;
            }

            var chosen = kindGroup.ToList();
            for (var i = 0; i < chosen.Count;)
            {
                var size = Math.Min(random.Next(5, 26), chosen.Count - i);
                var chunk = chosen.GetRange(i, size);
                var inputs = chunk.Select(u => random.Next(5) == 0 ? upns[u] : ids[u]).ToList();
                var options = new BulkOptions { UseGetByIds = random.Next(2) == 0 };
                calls.Add(() => BulkAsync(kind, chunk, round, inputs, group, options, bulk, invoker));
                i += size;
            }
        }

        for (var g = 0; g < 5 && !writesOnly; g++)
        {
            calls.Add(g % 2 == 0
                ? () => GuardAsync([], 0, OpKind.Lookup, async () => Note(await actions.LookupGroupAsync(group)))
                : () => GuardAsync([], 0, OpKind.InvokeLookup, async () => Note(await invoker.InvokeAsync("entra.lookup_group", new JsonObject { ["groupId"] = group }))));
        }

        Interlocked.Add(ref _calls, calls.Count);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(calls.OrderBy(_ => random.Next()).Select(c => Task.Run(c)));
        _roundTimes.Add(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>An error's text with ids and numbers blanked, so that errors of one kind group together.</summary>
    private static string Shape(string? error) =>
        System.Text.RegularExpressions.Regex.Replace(error ?? "?", "[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|chaos[0-9]+-[0-9a-f]{32}@contoso.com|[0-9]+", "#");

    private static string ErrorKind(string? error)
    {
        if (error is null)
        {
            return "?";
        }

        if (error.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(error);
            return json.RootElement.TryGetProperty("kind", out var kind) ? kind.ToString() : "?";
        }

        return error.Split(':', 2)[0];
    }

    private async Task SingleAsync(OpKind kind, int user, int round, string input, string group, IEntraActions actions, IEntraActionInvoker invoker)
    {
        await GuardAsync([user], round, kind, async () =>
        {
            switch (kind)
            {
                case OpKind.Add:
                    Record(user, round, kind, await actions.AddUserToGroupAsync(input, group));
                    break;
                case OpKind.Remove:
                    Record(user, round, kind, await actions.RemoveMemberFromGroupAsync(input, group));
                    break;
                case OpKind.Lookup:
                    var found = await actions.LookupUserAsync(input);
                    Note(found);
                    _results.Enqueue(new ItemResult(user, round, kind, found.Succeeded, null, found.Value?.Id, found.Error?.ToString()));
                    break;
                default:
                    var (action, inputs) = kind switch
                    {
                        OpKind.InvokeAdd => ("entra.add_user_to_group", new JsonObject { ["userId"] = input, ["groupId"] = group }),
                        OpKind.InvokeRemove => ("entra.remove_member_from_group", new JsonObject { ["memberId"] = input, ["groupId"] = group }),
                        _ => ("entra.lookup_user", new JsonObject { ["userId"] = input }),
                    };
                    var result = await invoker.InvokeAsync(action, inputs);
                    Note(result);
                    var outputs = result.Succeeded ? result.Outputs : default;
                    _results.Enqueue(new ItemResult(user, round, kind, result.Succeeded, Text(outputs, "outcome"), Text(outputs, "id"), result.Error?.ToString()));
                    break;
            }
        });
    }

    private async Task BulkAsync(OpKind kind, List<int> users, int round, List<string> inputs, string group, BulkOptions options, IEntraBulkActions bulk, IEntraActionInvoker invoker)
    {
        await GuardAsync(users, round, kind, async () =>
        {
            if (kind is OpKind.BulkAdd or OpKind.BulkRemove)
            {
                var result = kind == OpKind.BulkAdd ? await bulk.AddUsersToGroupAsync(group, inputs, options) : await bulk.RemoveMembersFromGroupAsync(group, inputs, options);
                if (CheckShape(result.Items.Count, users, round, kind, result.Items.Select(i => i.Input), inputs))
                {
                    for (var i = 0; i < users.Count; i++)
                    {
                        Record(users[i], round, kind, result.Items[i].Result);
                    }
                }

                host.Capture.Add("result", result.CallError?.ToString());
                return;
            }

            if (kind == OpKind.BulkLookup)
            {
                var result = await bulk.LookupUsersAsync(inputs, options);
                if (CheckShape(result.Items.Count, users, round, kind, result.Items.Select(i => i.Input), inputs))
                {
                    for (var i = 0; i < users.Count; i++)
                    {
                        var item = result.Items[i].Result;
                        Note(item);
                        _results.Enqueue(new ItemResult(users[i], round, kind, item.Succeeded, null, item.Value?.Id, item.Error?.ToString()));
                    }
                }

                return;
            }

            var array = new JsonArray([.. inputs.Select(i => (JsonNode?)JsonValue.Create(i))]);
            var (action, json) = kind switch
            {
                OpKind.InvokeBulkAdd => ("entra.bulk_add_users_to_group", new JsonObject { ["groupId"] = group, ["userIds"] = array }),
                OpKind.InvokeBulkRemove => ("entra.bulk_remove_members_from_group", new JsonObject { ["groupId"] = group, ["memberIds"] = array }),
                _ => ("entra.bulk_lookup_users", new JsonObject { ["userIds"] = array }),
            };
            var invoked = await invoker.InvokeAsync(action, json);
            Note(invoked);
            if (!invoked.Succeeded)
            {
                // The whole call failed: every item failed (and any write in it may or may not have been applied).
                foreach (var u in users)
                {
                    _results.Enqueue(new ItemResult(u, round, kind, false, null, null, invoked.Error.ToString()));
                }

                return;
            }

            var items = invoked.Outputs.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
            if (!CheckShape(items.Count, users, round, kind, items.Select(i => Text(i, "input") ?? string.Empty), inputs))
            {
                return;
            }

            for (var i = 0; i < users.Count; i++)
            {
                var item = items[i];
                var success = item.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
                var value = item.TryGetProperty("value", out var v) ? v : default;
                var error = item.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetRawText() : null;
                host.Capture.Add("result", error);
                _results.Enqueue(new ItemResult(users[i], round, kind, success, Text(value, "outcome"), Text(value, "id"), error));
            }
        });
    }

    /// <summary>One item per input, in input order, echoing it; otherwise the call's items count as failed (state unknown).</summary>
    private bool CheckShape(int count, List<int> users, int round, OpKind kind, IEnumerable<string> echoed, List<string> inputs)
    {
        if (count == users.Count && echoed.SequenceEqual(inputs, StringComparer.Ordinal))
        {
            return true;
        }

        Interlocked.Increment(ref _shapeErrors);
        Lost(users, round, kind, "ShapeError: items do not match the inputs");
        return false;
    }

    private void Lost(List<int> users, int round, OpKind kind, string error)
    {
        foreach (var u in users)
        {
            _results.Enqueue(new ItemResult(u, round, kind, false, null, null, error));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void Record(int user, int round, OpKind kind, EntraActionResult<MembershipChange> result)
    {
        Note(result);
        _results.Enqueue(new ItemResult(user, round, kind, result.Succeeded, result.Value?.Outcome.ToString(), null, result.Error?.ToString()));
    }

    private void Note<T>(EntraActionResult<T> result) => host.Capture.Add("result", result.Error?.ToString());

    private void Note(EntraInvocationResult result) => host.Capture.Add("result", result.Succeeded ? null : result.ToJson());

    /// <summary>Runs one call; an exception leaves its users' state unknown (the call may have written before it threw).</summary>
    private async Task GuardAsync(List<int> users, int round, OpKind kind, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (OperationCanceledException exception)
        {
            Interlocked.Increment(ref _cancellations);
            host.Capture.AddException(exception);
            Lost(users, round, kind, "Canceled: " + exception.GetType().Name);
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref _exceptions);
            Lost(users, round, kind, "Exception: " + exception.GetType().Name);
            host.Capture.AddException(exception);
            Console.Error.WriteLine($"mixed actions: {exception}");
        }
    }
}

internal sealed record MixReport(
    int Calls,
    int SettleCalls,
    int Items,
    int Rounds,
    int Users,
    TimeSpan Wall,
    int Exceptions,
    int Cancellations,
    int Failed,
    int SettleFailed,
    IReadOnlyDictionary<string, int> FailureKinds,
    int Disagreements,
    List<string> DisagreementSamples,
    int Inexact,
    int Unknown,
    int Requests,
    int Steps,
    int Outside,
    int DeletesWithoutRef,
    IReadOnlyDictionary<string, int> Fired,
    int ShapeErrors,
    List<string> TopErrors,
    List<TimeSpan> RoundTimes);
