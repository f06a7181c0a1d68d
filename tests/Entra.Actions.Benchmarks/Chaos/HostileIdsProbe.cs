using System.Diagnostics;
using System.Text.Json.Nodes;
using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>Sends every hostile id through every entry point (single actions, bulk, the JSON invoker) and checks the wire.</summary>
internal sealed class HostileIdsProbe(ChaosHost host)
{
    private const int Seed = 20_261_207;
    private int _tried;
    private int _exceptions;

    public async Task<HostileReport> RunAsync()
    {
        var realUser = DemoTenant.AdeleVanceId;
        var realUpn = DemoTenant.AdeleVanceUpn;
        var group = ChaosHost.Group.ToString();
        var ids = HostileIds.Generate(Seed, realUser, realUpn, group);
        var provider = host.BuildProvider();
        var actions = provider.GetRequiredService<IEntraActions>();
        var bulk = provider.GetRequiredService<IEntraBulkActions>();
        var invoker = provider.GetRequiredService<IEntraActionInvoker>();
        var before = host.Emulator.Journal.Count;
        var started = Stopwatch.GetTimestamp();

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            await TryAsync(1, async () => Keep(await actions.LookupUserAsync(id, ct)));
            await TryAsync(1, async () => Keep(await actions.LookupUserAsync(realUser, [id], ct)));
            await TryAsync(1, async () => Keep(await actions.LookupGroupAsync(id, ct)));
            await TryAsync(1, async () => Keep(await actions.LookupGroupAsync(group, [id], ct)));
            await TryAsync(1, async () => Keep(await actions.AddUserToGroupAsync(id, group, ct)));
            await TryAsync(1, async () => Keep(await actions.AddUserToGroupAsync(realUser, id, ct)));
            await TryAsync(1, async () => Keep(await actions.RemoveMemberFromGroupAsync(id, group, ct)));
            await TryAsync(1, async () => Keep(await actions.RemoveMemberFromGroupAsync(realUser, id, ct)));
            await TryAsync(1, async () => Keep(await bulk.AddUsersToGroupAsync(id, [realUser], ct)));
            await TryAsync(1, async () => Keep(await bulk.RemoveMembersFromGroupAsync(id, [realUser], ct)));
            await TryAsync(1, async () => Keep(await bulk.LookupUsersAsync([id, realUser], new BulkOptions { UseGetByIds = true }, ct)));
            await TryAsync(1, async () => Keep(await invoker.InvokeAsync("entra.lookup_user", new JsonObject { ["userId"] = id }, ct)));
            await TryAsync(1, async () => Keep(await invoker.InvokeAsync("entra.lookup_group", new JsonObject { ["groupId"] = id }, ct)));
            await TryAsync(1, async () => Keep(await invoker.InvokeAsync("entra.add_user_to_group", new JsonObject { ["userId"] = id, ["groupId"] = group }, ct)));
            await TryAsync(1, async () => Keep(await invoker.InvokeAsync("entra.add_user_to_group", new JsonObject { ["userId"] = realUser, ["groupId"] = id }, ct)));
            await TryAsync(1, async () => Keep(await invoker.InvokeAsync("entra.remove_member_from_group", new JsonObject { ["memberId"] = id, ["groupId"] = group }, ct)));
            await TryAsync(1, async () => Keep(await invoker.InvokeAsync("entra.remove_member_from_group", new JsonObject { ["memberId"] = realUser, ["groupId"] = id }, ct)));
            await TryAsync(1, async () => Keep(await invoker.InvokeAsync("entra.bulk_add_users_to_group", new JsonObject { ["groupId"] = id, ["userIds"] = new JsonArray(realUser) }, ct)));
        });

        // Bulk calls with many hostile items at once (mixed with real ids so the call does reach Graph), in every mode.
        foreach (var chunk in ids.Chunk(200))
        {
            var items = chunk.Append(realUser).Append(realUpn).ToList();
            var json = new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);
            await TryAsync(chunk.Length, async () => Keep(await bulk.LookupUsersAsync(items)));
            await TryAsync(chunk.Length, async () => Keep(await bulk.AddUsersToGroupAsync(group, items)));
            await TryAsync(chunk.Length, async () => Keep(await bulk.AddUsersToGroupAsync(group, items, new BulkOptions { UseGetByIds = true })));
            await TryAsync(chunk.Length, async () => Keep(await bulk.AddUsersToGroupAsync(group, items, new BulkOptions { VerifyUsers = false })));
            await TryAsync(chunk.Length, async () => Keep(await bulk.RemoveMembersFromGroupAsync(group, items)));
            await TryAsync(chunk.Length, async () => Keep(await invoker.InvokeAsync("entra.bulk_lookup_users", new JsonObject { ["userIds"] = json.DeepClone() })));
            await TryAsync(chunk.Length, async () => Keep(await invoker.InvokeAsync("entra.bulk_add_users_to_group", new JsonObject { ["groupId"] = group, ["userIds"] = json.DeepClone() })));
            await TryAsync(chunk.Length, async () => Keep(await invoker.InvokeAsync("entra.bulk_remove_members_from_group", new JsonObject { ["groupId"] = group, ["memberIds"] = json.DeepClone() })));
        }

        // JSON that is not a string where an id belongs.
        JsonNode?[] odd = [null, 0, -1, 1e308, true, new JsonArray(), new JsonArray(realUser), new JsonObject(), new JsonObject { ["id"] = realUser }, JsonValue.Create(long.MaxValue)];
        foreach (var value in odd)
        {
            foreach (var (action, name) in new[] { ("entra.lookup_user", "userId"), ("entra.lookup_group", "groupId"), ("entra.add_user_to_group", "userId"), ("entra.remove_member_from_group", "memberId"), ("entra.bulk_lookup_users", "userIds") })
            {
                var inputs = new JsonObject { [name] = value?.DeepClone() };
                if (name != "groupId" && action.Contains("group", StringComparison.Ordinal))
                {
                    inputs["groupId"] = group;
                }

                await TryAsync(1, async () => Keep(await invoker.InvokeAsync(action, inputs)));
            }
        }

        var wall = Stopwatch.GetElapsedTime(started);
        var entries = host.Emulator.Journal.Entries.Skip(before).ToList();
        var outside = new List<string>();
        foreach (var entry in entries)
        {
            if (!WireShapes.IsAllowed(entry, out var why))
            {
                outside.Add(why);
            }
        }

        return new HostileReport(
            Distinct: ids.Count,
            Tried: _tried,
            Requests: entries.Count(e => e.BatchStepId is null),
            Steps: entries.Count(e => e.BatchStepId is not null),
            Outside: outside,
            DeletesWithoutRef: entries.Count(WireShapes.IsDeleteWithoutRef),
            Exceptions: _exceptions,
            Wall: wall);
    }

    private void Keep<T>(EntraActionResult<T> result) => host.Capture.Add("result", result.Error?.ToString());

    private void Keep<T>(BulkResult<T> result)
    {
        host.Capture.Add("result", result.CallError?.ToString());
        foreach (var item in result.Items)
        {
            host.Capture.Add("result", item.Result.Error?.ToString());
        }
    }

    private void Keep(EntraInvocationResult result) => host.Capture.Add("result", result.Succeeded ? null : result.ToJson());

    private async Task TryAsync(int count, Func<Task> call)
    {
        Interlocked.Add(ref _tried, count);
        try
        {
            await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Interlocked.Increment(ref _exceptions);
            host.Capture.AddException(exception);
            if (_exceptions <= 5)
            {
                Console.Error.WriteLine($"hostile ids: {exception.GetType().Name}: {exception.Message}");
            }
        }
    }
}

internal sealed record HostileReport(int Distinct, int Tried, int Requests, int Steps, List<string> Outside, int DeletesWithoutRef, int Exceptions, TimeSpan Wall);
