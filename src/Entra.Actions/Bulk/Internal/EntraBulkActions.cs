using System.Diagnostics;
using Entra.Actions.Actions.Internal;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Throttling.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// <see cref="IEntraBulkActions"/> over the bulk seam. Inputs are validated once, exactly as in the single actions; the
/// group is read (through the group-kind cache) and guarded once per call; users are verified as users before they are
/// bound; binds go 20 per atomic write and 20 writes per <c>$batch</c>; throttled <c>$batch</c> steps wait for the largest
/// <c>Retry-After</c> and only they are resent. The write policy sits between the reads and the writes (size first, then
/// the group's rules, then each member's); a dry run ends with a member read instead of writes. Each call is one
/// <see cref="ActionCall"/>, and a membership call's audit events are published when it ends. The parts live in
/// <c>Bulk/Internal</c>; this class only orders them.
/// </summary>
internal sealed class EntraBulkActions : IEntraBulkActions, IBulkSizeGate
{
    private const int MaxConcurrencyLimit = 16;
    private const string UserReadPermission = "User.Read.All (and Directory.Read.All with UseGetByIds)";
    private static readonly string[] UserTypeSelect = [WriteGuard.UserTypeProperty];

    private readonly BulkServices _services;
    private readonly WriteGuard _guard;
    private readonly BulkPolicy _policy;
    private readonly AuditTrail _audit;
    private readonly ILogger<EntraBulkActions> _logger;

    public EntraBulkActions(
        IEntraDirectory directory,
        IEntraBulkDirectory bulk,
        ThrottleCoordinator throttle,
        IOptions<EntraActionsOptions> options,
        TimeProvider time,
        WriteGuard guard,
        AuditTrail audit,
        ILogger<EntraBulkActions> logger)
    {
        _services = new BulkServices(directory, bulk, throttle, options.Value, time, logger);
        _guard = guard;
        _policy = new BulkPolicy(guard, logger);
        _audit = audit;
        _logger = logger;
    }

    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        AddUsersToGroupAsync(groupId, userIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<MembershipChange>(userIds, options, isWrite: true);
        var facts = new MembershipFacts();
        return RunWriteAsync(EntraBulkActionMetadata.AddUsersToGroupId, EntraIdValidator.UserIdInput, run, facts, groupId, () => AddCoreAsync(run, facts, groupId, options, cancellationToken), cancellationToken);
    }

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, CancellationToken cancellationToken = default) =>
        RemoveMembersFromGroupAsync(groupId, memberIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<MembershipChange>(memberIds, options, isWrite: true);
        var facts = new MembershipFacts();
        return RunWriteAsync(EntraBulkActionMetadata.RemoveMembersFromGroupId, EntraIdValidator.MemberIdInput, run, facts, groupId, () => RemoveCoreAsync(run, facts, groupId, options, cancellationToken), cancellationToken);
    }

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        LookupUsersAsync(userIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<EntraUser>(userIds, options, isWrite: false);
        return RunAsync(EntraBulkActionMetadata.LookupUsersId, run, null, () => LookupCoreAsync(run, options, cancellationToken), cancellationToken);
    }

    public async Task<EntraActionError?> RefuseOversizedAsync(string actionId, int count, string? groupId, bool isDryRun)
    {
        if (count <= _guard.MaxBulkItems)
        {
            return null;
        }

        using var call = ActionCall.Start(actionId, _guard.ConnectionName, isDryRun);
        var denial = _guard.CheckBulkSize(actionId, count)!;
        BulkTelemetry.Refused(call, count, denial.Error);
        if (_audit.IsEnabled)
        {
            await _audit.PublishAsync(BulkAuditEvents.SizeRefusal(_audit, call, groupId, denial.Error, denial.Rule)).ConfigureAwait(false);
        }

        return denial.Error;
    }

    private static BulkRun<T> Start<T>(IEnumerable<string> inputs, BulkOptions options, bool isWrite)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxConcurrency, MaxConcurrencyLimit, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxStepRetries, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxStepRetries, 100, nameof(options));
        return new BulkRun<T>(inputs, options.Progress, isWrite && options.DryRun);
    }

    /// <summary>A membership call: refused whole when larger than the policy allows, before any request; audited per item at its end.</summary>
    private Task<BulkResult<MembershipChange>> RunWriteAsync(
        string actionId, string inputName, BulkRun<MembershipChange> run, MembershipFacts facts, string groupId, Func<Task> work, CancellationToken cancellationToken) =>
        RunAsync(
            actionId,
            run,
            async (call, result) =>
            {
                if (_audit.IsEnabled)
                {
                    await _audit.PublishAsync(BulkAuditEvents.For(_audit, call, run, result, facts, inputName)).ConfigureAwait(false);
                }

                // The users read for this call were kept only for its audit events.
                facts.Users = null;
            },
            () =>
            {
                if (_guard.CheckBulkSize(actionId, run.Count) is { } tooMany)
                {
                    facts.SizeDenial = tooMany;
                    facts.GroupId = groupId;
                    run.FailCall(tooMany.Error);
                    return Task.CompletedTask;
                }

                return work();
            },
            cancellationToken);

    private async Task<BulkResult<T>> RunAsync<T>(
        string actionId, BulkRun<T> run, Func<ActionCall, BulkResult<T>, Task>? audit, Func<Task> work, CancellationToken cancellationToken)
    {
        using var call = ActionCall.Start(actionId, _guard.ConnectionName, run.IsDryRun);
        var started = Stopwatch.GetTimestamp();
        Log.BulkStarted(_logger, actionId, run.Count);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation keeps what Graph already did: every answer was recorded as it arrived, and is audited.
            var partial = run.ToResult();
            BulkTelemetry.Finish(call, partial, cancelled: true);
            if (audit is not null)
            {
                await audit(call, partial).ConfigureAwait(false);
            }

            throw new BulkOperationCanceledException<T>(partial, cancellationToken);
        }

        var result = run.ToResult();
        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.BulkCompleted(_logger, actionId, run.Count, result.SucceededCount, result.FailedCount, elapsed.TotalMilliseconds);
        BulkTelemetry.Finish(call, result, cancelled: false);
        if (audit is not null)
        {
            await audit(call, result).ConfigureAwait(false);
        }

        return result;
    }

    private async Task AddCoreAsync(BulkRun<MembershipChange> run, MembershipFacts facts, string groupId, BulkOptions options, CancellationToken cancellationToken)
    {
        if (!BulkInputs.TryGroup(run, groupId, out var groupIdValue))
        {
            return;
        }

        facts.GroupId = groupIdValue.Value;
        if (BulkInputs.Prepare(run, EntraIdValidator.UserIdInput) is not { Count: > 0 } items)
        {
            return;
        }

        var group = new GroupCheck(_services, groupIdValue, cancellationToken);
        if (!await group.GuardAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        facts.Group = group.Read;
        if (!_policy.AllowsGroup(run, facts, EntraBulkActionMetadata.AddUsersToGroupId, isAdd: true, group.Read!))
        {
            return;
        }

        // Every user is read before it is bound (as in the single action): a group or device id passed as a user id must
        // never be added as a member through /directoryObjects. Without VerifyUsers the caller vouches for object ids, unless
        // the write policy looks at members: then each is read, as the policy's user.
        var toRead = options.VerifyUsers || _guard.ChecksMembers ? items : items.FindAll(i => !i.Id.IsObjectId);
        var resolved = toRead.Count == 0 ? null : await new UserResolver(_services, options, _guard.NeedsUserType ? UserTypeSelect : null).ResolveAsync(run.Count, toRead, null, cancellationToken).ConfigureAwait(false);
        facts.Users = resolved;
        var targets = BulkInputs.Targets(run, items, resolved, (index, error) => ActionMessages.ForRead(error, $"User '{run.Input(index)}'", UserReadPermission), "User");
        targets = await _policy.AllowedMembersAsync(run, facts, EntraBulkActionMetadata.AddUsersToGroupId, isAdd: true, targets, group.Read!, cancellationToken).ConfigureAwait(false);
        if (run.IsDryRun)
        {
            await BulkDryRun.SettleAsync(_services, run, groupIdValue, _policy.WithWritePermission(run, targets, group.Read!), isAdd: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var members = new MemberReader(_services, groupIdValue, options.MemberPrefetch, Chunks.Count(targets.Count, GraphLimits.MaxMembersPerWrite));
        var settler = new AddSettler(run, groupIdValue);
        var refusals = new AddRefusals(_services, group, members, settler, run, options.MemberPrefetch);
        var retries = new StepRetries(_services, options.MaxStepRetries);
        if (options.MemberPrefetch == MemberPrefetch.Always && targets.Count > 0)
        {
            await members.EnsureAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
        }

        // Chunks of 20 (one atomic write each), 20 chunks per $batch: 400 members per round trip.
        var chunks = new List<AddChunk>(Chunks.Count(targets.Count, GraphLimits.MaxMembersPerWrite));
        foreach (var chunk in targets.Chunk(GraphLimits.MaxMembersPerWrite))
        {
            chunks.Add(AddChunk.New(chunk));
        }

        var perRound = options.BatchWrites ? GraphLimits.MaxBatchSteps : 1;
        if (options.MemberPrefetch == MemberPrefetch.Auto && chunks.Count > 1 && options.BatchWrites)
        {
            // One chunk first: if the group already holds some of these users, nearly every chunk of a $batch would fail whole
            // and be written twice. The probe's refusal teaches the members before the rest is sent, for one extra round trip.
            await retries.RunAsync(new AddWriter(_services, groupIdValue, members, settler, refusals, [chunks[0]], perRound), cancellationToken).ConfigureAwait(false);
            chunks.RemoveAt(0);
        }

        await Chunks.ForEachAsync(chunks, perRound, options.MaxConcurrency, (batch, token) =>
            retries.RunAsync(new AddWriter(_services, groupIdValue, members, settler, refusals, [.. batch], perRound), token), cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveCoreAsync(BulkRun<MembershipChange> run, MembershipFacts facts, string groupId, BulkOptions options, CancellationToken cancellationToken)
    {
        if (!BulkInputs.TryGroup(run, groupId, out var groupIdValue))
        {
            return;
        }

        facts.GroupId = groupIdValue.Value;
        if (BulkInputs.Prepare(run, EntraIdValidator.MemberIdInput) is not { Count: > 0 } items)
        {
            return;
        }

        var group = new GroupCheck(_services, groupIdValue, cancellationToken);
        if (!await group.GuardAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        facts.Group = group.Read;
        if (!_policy.AllowsGroup(run, facts, EntraBulkActionMetadata.RemoveMembersFromGroupId, isAdd: false, group.Read!))
        {
            return;
        }

        // Object ids are removed as given (any member type, not read: the policy sees no user for them); userPrincipalNames
        // are resolved to users first.
        var upns = items.FindAll(i => !i.Id.IsObjectId);
        var resolved = upns.Count == 0 ? null : await new UserResolver(_services, options with { UseGetByIds = false }).ResolveAsync(run.Count, upns, null, cancellationToken).ConfigureAwait(false);
        facts.Users = resolved;
        var targets = BulkInputs.Targets(run, items, resolved, (index, error) => ActionMessages.ForRead(error, $"User '{run.Input(index)}'", "User.Read.All to resolve the user"), "Member");
        targets = await _policy.AllowedMembersAsync(run, facts, EntraBulkActionMetadata.RemoveMembersFromGroupId, isAdd: false, targets, group.Read!, cancellationToken).ConfigureAwait(false);
        if (run.IsDryRun)
        {
            await BulkDryRun.SettleAsync(_services, run, groupIdValue, _policy.WithWritePermission(run, targets, group.Read!), isAdd: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        var removal = new RemoveSteps(_services, run, group, new StepRetries(_services, options.MaxStepRetries));
        await Chunks.ForEachAsync(targets, GraphLimits.MaxBatchSteps, options.MaxConcurrency, removal.RunAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task LookupCoreAsync(BulkRun<EntraUser> run, BulkOptions options, CancellationToken cancellationToken)
    {
        var items = BulkInputs.Prepare(run, EntraIdValidator.UserIdInput);

        // The read is the work: each item completes as soon as its round trip answers, so progress follows the round trips
        // and a cancelled call still reports every user it read.
        await new UserResolver(_services, options).ResolveAsync(run.Count, items, (index, user) => run.Complete(index, user.Succeeded
            ? user
            : EntraActionResult.Failure<EntraUser>(ActionMessages.ForRead(user.Error, $"User '{run.Input(index)}'", UserReadPermission))), cancellationToken).ConfigureAwait(false);
    }
}
