using System.Diagnostics;
using Entra.Actions.Actions.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Http.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// <see cref="IEntraBulkActions"/> over the bulk seam. Inputs are validated once, exactly as in the single actions; the
/// group is read (through the group-kind cache) and guarded once per call; users are verified as users before they are
/// bound; binds go 20 per atomic write and 20 writes per <c>$batch</c>; throttled <c>$batch</c> steps wait for the largest
/// <c>Retry-After</c> and only they are resent. The parts live in <c>Bulk/Internal</c>; this class only orders them.
/// </summary>
internal sealed class EntraBulkActions : IEntraBulkActions
{
    private const int MaxConcurrencyLimit = 16;
    private const string UserReadPermission = "User.Read.All (and Directory.Read.All with UseGetByIds)";

    private readonly BulkServices _services;
    private readonly ILogger<EntraBulkActions> _logger;

    public EntraBulkActions(
        IEntraDirectory directory,
        IEntraBulkDirectory bulk,
        ThrottleGate gate,
        WritePacer pacer,
        IOptions<EntraActionsOptions> options,
        TimeProvider time,
        ILogger<EntraBulkActions> logger)
    {
        _services = new BulkServices(directory, bulk, gate, pacer, options.Value, time, logger);
        _logger = logger;
    }

    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        AddUsersToGroupAsync(groupId, userIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<MembershipChange>(userIds, options);
        return RunAsync(EntraBulkActionMetadata.AddUsersToGroupId, run, () => AddCoreAsync(run, groupId, options, cancellationToken), cancellationToken);
    }

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, CancellationToken cancellationToken = default) =>
        RemoveMembersFromGroupAsync(groupId, memberIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<MembershipChange>(memberIds, options);
        return RunAsync(EntraBulkActionMetadata.RemoveMembersFromGroupId, run, () => RemoveCoreAsync(run, groupId, options, cancellationToken), cancellationToken);
    }

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        LookupUsersAsync(userIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<EntraUser>(userIds, options);
        return RunAsync(EntraBulkActionMetadata.LookupUsersId, run, () => LookupCoreAsync(run, options, cancellationToken), cancellationToken);
    }

    private static BulkRun<T> Start<T>(IEnumerable<string> inputs, BulkOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxConcurrency, MaxConcurrencyLimit, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxStepRetries, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxStepRetries, 100, nameof(options));
        return new BulkRun<T>(inputs, options.Progress);
    }

    private async Task<BulkResult<T>> RunAsync<T>(string actionId, BulkRun<T> run, Func<Task> work, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Log.BulkStarted(_logger, actionId, run.Count);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation keeps what Graph already did: every answer was recorded as it arrived.
            throw new BulkOperationCanceledException<T>(run.ToResult(), cancellationToken);
        }

        var result = run.ToResult();
        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.BulkCompleted(_logger, actionId, run.Count, result.SucceededCount, result.FailedCount, elapsed.TotalMilliseconds);
        return result;
    }

    private async Task AddCoreAsync(BulkRun<MembershipChange> run, string groupId, BulkOptions options, CancellationToken cancellationToken)
    {
        if (!BulkInputs.TryGroup(run, groupId, out var groupIdValue) || BulkInputs.Prepare(run, EntraIdValidator.UserIdInput) is not { Count: > 0 } items)
        {
            return;
        }

        var group = new GroupCheck(_services, groupIdValue, cancellationToken);
        if (!await group.GuardAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // Every user is read before it is bound (as in the single action): a group or device id passed as a user id must
        // never be added as a member through /directoryObjects. Without VerifyUsers the caller vouches for object ids.
        var toRead = options.VerifyUsers ? items : items.FindAll(i => !i.Id.IsObjectId);
        var resolved = toRead.Count == 0 ? null : await new UserResolver(_services, options).ResolveAsync(run.Count, toRead, null, cancellationToken).ConfigureAwait(false);
        var targets = BulkInputs.Targets(run, items, resolved, (index, error) => ActionMessages.ForRead(error, $"User '{run.Input(index)}'", UserReadPermission), "User");

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

    private async Task RemoveCoreAsync(BulkRun<MembershipChange> run, string groupId, BulkOptions options, CancellationToken cancellationToken)
    {
        if (!BulkInputs.TryGroup(run, groupId, out var groupIdValue) || BulkInputs.Prepare(run, EntraIdValidator.MemberIdInput) is not { Count: > 0 } items)
        {
            return;
        }

        var group = new GroupCheck(_services, groupIdValue, cancellationToken);
        if (!await group.GuardAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // Object ids are removed as given (any member type); userPrincipalNames are resolved to users first.
        var upns = items.FindAll(i => !i.Id.IsObjectId);
        var resolved = upns.Count == 0 ? null : await new UserResolver(_services, options with { UseGetByIds = false }).ResolveAsync(run.Count, upns, null, cancellationToken).ConfigureAwait(false);
        var targets = BulkInputs.Targets(run, items, resolved, (index, error) => ActionMessages.ForRead(error, $"User '{run.Input(index)}'", "User.Read.All to resolve the user"), "Member");

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
