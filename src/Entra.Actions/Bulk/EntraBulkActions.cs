using System.Diagnostics;
using Entra.Actions.Graph;
using Entra.Actions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Bulk;

/// <summary>
/// <see cref="IEntraBulkActions"/> over the bulk seam. Ids are validated exactly as in the single actions; the group is
/// read (through the group-kind cache) and guarded once per call; users are verified as users before they are bound;
/// binds go 20 per atomic write and 20 writes per <c>$batch</c>; throttled <c>$batch</c> steps wait for the largest
/// <c>Retry-After</c> and only they are resent.
/// </summary>
internal sealed class EntraBulkActions : IEntraBulkActions
{
    private const string AddActionId = EntraBulkActionMetadata.AddUsersToGroupId;
    private const string RemoveActionId = EntraBulkActionMetadata.RemoveMembersFromGroupId;
    private const string LookupActionId = EntraBulkActionMetadata.LookupUsersId;
    private const int MaxConcurrencyLimit = 16;

    private readonly IEntraDirectory _directory;
    private readonly IEntraBulkDirectory _bulk;
    private readonly ThrottleGate _gate;
    private readonly WritePacer _pacer;
    private readonly EntraActionsOptions _options;
    private readonly TimeProvider _time;
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
        _directory = directory;
        _bulk = bulk;
        _gate = gate;
        _pacer = pacer;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        AddUsersToGroupAsync(groupId, userIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<MembershipChange>(userIds, options);
        return RunAsync(AddActionId, run, () => AddCoreAsync(run, groupId, options, cancellationToken), cancellationToken);
    }

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, CancellationToken cancellationToken = default) =>
        RemoveMembersFromGroupAsync(groupId, memberIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<MembershipChange>(memberIds, options);
        return RunAsync(RemoveActionId, run, () => RemoveCoreAsync(run, groupId, options, cancellationToken), cancellationToken);
    }

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        LookupUsersAsync(userIds, BulkOptions.Default, cancellationToken);

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default)
    {
        var run = Start<EntraUser>(userIds, options);
        return RunAsync(LookupActionId, run, () => LookupCoreAsync(run, options, cancellationToken), cancellationToken);
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
            throw new BulkOperationCanceledException<T>(run.ToResult(), cancellationToken);
        }

        var result = run.ToResult();
        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.BulkCompleted(_logger, actionId, run.Count, result.SucceededCount, result.FailedCount, elapsed.TotalMilliseconds);
        return result;
    }

    // ---- Add ---------------------------------------------------------------------------------------------------------

    private async Task AddCoreAsync(BulkRun<MembershipChange> run, string groupId, BulkOptions options, CancellationToken cancellationToken)
    {
        if (!TryPrepare(run, groupId, EntraIdValidator.UserIdInput, out var group, out var items))
        {
            return;
        }

        if (!await GuardGroupAsync(run, group, items, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // Every user is read before it is bound (as in the single action): a group or device id passed as a user id must
        // never be added as a member through /directoryObjects.
        var toRead = options.VerifyUsers ? items : items.Where(i => !i.Id.IsObjectId).ToList();
        var resolved = toRead.Count == 0 ? [] : await ResolveUsersAsync(toRead, options, cancellationToken).ConfigureAwait(false);
        var targets = new List<Target>();
        var firstByObjectId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var user = resolved.TryGetValue(item.Index, out var read)
                ? read
                : EntraActionResult.Success(new EntraUser { Id = item.Id.Value }); // VerifyUsers off: the caller vouches for object ids
            if (!user.Succeeded)
            {
                run.Complete(item.Index, EntraActionResult.Failure<MembershipChange>(
                    ActionMessages.ForRead(user.Error, $"User '{run.Input(item.Index)}'", "User.Read.All (and Directory.Read.All with UseGetByIds)")));
            }
            else if (!EntraIdValidator.TryValidateObjectId(user.Value.Id, EntraIdValidator.MemberIdInput, out var objectId, out _))
            {
                run.Complete(item.Index, EntraActionResult.Failure<MembershipChange>(new EntraActionError(EntraErrorKind.ServiceError,
                    $"User '{run.Input(item.Index)}' was resolved to an id that is not a GUID; no change was made.")));
            }
            else if (firstByObjectId.TryGetValue(objectId, out var first))
            {
                run.MarkDuplicate(item.Index, first); // a UPN and an object id (or two spellings) of the same user
            }
            else
            {
                firstByObjectId[objectId] = item.Index;
                targets.Add(new Target(item.Index, objectId));
            }
        }

        using var add = new AddState(run, group, options.MemberPrefetch, ChunkCount(targets.Count, IEntraBulkDirectory.MaxMembersPerWrite))
        {
            GroupStillExists = new Lazy<Task<EntraActionResult<EntraGroup>>>(
                () => _directory.GetGroupAsync(group, [], cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication),
        };
        if (options.MemberPrefetch == MemberPrefetch.Always && targets.Count > 0)
        {
            await add.EnsureMembersAsync(this, int.MaxValue, cancellationToken).ConfigureAwait(false);
        }

        // Chunks of 20 (one atomic write each), 20 chunks per $batch: 400 members per round trip.
        var chunks = targets.Chunk(IEntraBulkDirectory.MaxMembersPerWrite).Select(c => new Chunk([.. c])).ToList();
        var perRound = options.BatchWrites ? IEntraBulkDirectory.MaxBatchSteps : 1;
        if (options.MemberPrefetch == MemberPrefetch.Auto && chunks.Count > 1 && options.BatchWrites)
        {
            // One chunk first: if the group already holds some of these users, nearly every chunk of a $batch would fail whole
            // and be written twice. The probe's refusal teaches the members before the rest is sent, for one extra round trip.
            await AddBatchAsync(add, [chunks[0]], perRound, options.MaxStepRetries, cancellationToken).ConfigureAwait(false);
            chunks.RemoveAt(0);
        }

        await ForEachChunkAsync(chunks, perRound, options, (batch, token) => AddBatchAsync(add, batch, perRound, options.MaxStepRetries, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes chunks in rounds of one <c>$batch</c> (a lone chunk goes as a plain <c>PATCH</c>). Each chunk's answer decides its
    /// fate: added; throttled (resent after the largest <c>Retry-After</c>, like any <c>$batch</c> step); refused whole because
    /// one member is already there or missing (members learned, or the chunk split, and the rest resent); or failed.
    /// </summary>
    private async Task AddBatchAsync(AddState add, List<Chunk> chunks, int perRound, int maxRetries, CancellationToken cancellationToken)
    {
        var pending = chunks;
        while (true)
        {
            var round = new List<Chunk>(perRound);
            var later = new List<Chunk>();
            foreach (var chunk in pending)
            {
                if (chunk.Resends > 0 && chunk.UsersWereNotMembers && add.Snapshot() is { } known && chunk.Targets.TrueForAll(t => known.Ids.Contains(t.ObjectId)))
                {
                    // A member read since its throttled send shows all of it in the group: the atomic write was applied, by this call.
                    Complete(add, chunk.Targets, MembershipOutcome.Added);
                    continue;
                }

                // One snapshot for both: another worker's member read may replace the set in between.
                var snapshot = add.Snapshot();
                var rest = add.WithoutKnownMembers(chunk.Targets, snapshot);
                if (rest.Count > 0)
                {
                    // Remember, at a chunk's first send, whether the members were fully known: then none of its users was a member.
                    var sending = chunk with { Targets = rest, UsersWereNotMembers = chunk.Resends == 0 ? snapshot?.IsComplete == true : chunk.UsersWereNotMembers };
                    (round.Count < perRound ? round : later).Add(sending);
                }
            }

            if (round.Count == 0)
            {
                return;
            }

            // A seam or handler that ignores the token must not let a cancelled call go on writing.
            cancellationToken.ThrowIfCancellationRequested();
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            await _pacer.PaceAsync(round.Count, _options.MaxRetryDuration, cancellationToken).ConfigureAwait(false);
            var answers = round.Count == 1
                ? [await _bulk.AddGroupMembersAsync(add.Group, round[0].Targets.Select(t => t.ObjectId).ToList(), cancellationToken).ConfigureAwait(false)]
                : await _bulk.AddGroupMembersInBatchAsync(add.Group, [.. round.Select(c => (IReadOnlyList<string>)[.. c.Targets.Select(t => t.ObjectId)])], cancellationToken).ConfigureAwait(false);

            // First everything Graph settled, with no wait in between: a cancellation during a later member read must not
            // cost the results Graph already gave.
            var refused = new List<(Chunk Chunk, EntraActionResult<MembershipOutcome> Answer)>();
            var resend = new List<Chunk>();
            var wait = TimeSpan.Zero;
            var pause = TimeSpan.Zero;
            var throttledWrites = 0;
            var now = _time.GetTimestamp(); // the answers' arrival: resends wait from here
            for (var i = 0; i < round.Count; i++)
            {
                var chunk = round[i];
                if (answers[i].Succeeded)
                {
                    // A lone user "already there" after this chunk's throttled send, while the members were fully known without
                    // it at its first send: that send was applied.
                    var outcome = answers[i].Value is MembershipOutcome.AlreadyMember && chunk.Resends > 0 && chunk.UsersWereNotMembers
                        ? MembershipOutcome.Added
                        : answers[i].Value;
                    Complete(add, chunk.Targets, outcome);
                    continue;
                }

                // A lone PATCH was already retried by the pipeline; a $batch step's 429/503/504 is ours to resend, within the
                // chunk's own budget: MaxStepRetries resends, and MaxRetryDuration from its first refusal.
                var error = answers[i].Error!;
                if (round.Count == 1 || !ThrottlePolicy.IsRetryable(error))
                {
                    refused.Add((chunk, answers[i]));
                    continue;
                }

                var retryAfter = ThrottlePolicy.StepRetryAfter(error);
                if (error.Kind == EntraErrorKind.Throttled)
                {
                    throttledWrites++;
                    pause = retryAfter > pause ? retryAfter : pause;
                }

                var since = chunk.RefusedSince ?? now;
                if (chunk.Resends >= maxRetries || _time.GetElapsedTime(since) + retryAfter > _options.MaxRetryDuration)
                {
                    Fail(add, chunk.Targets, error);
                    continue;
                }

                wait = retryAfter > wait ? retryAfter : wait;
                resend.Add(chunk with { Resends = chunk.Resends + 1, RefusedSince = since });
            }

            _pacer.Record(answers.Count(a => a.Succeeded), throttledWrites + (round.Count == 1 && answers[0].Error?.Kind == EntraErrorKind.Throttled ? 1 : 0));
            if (throttledWrites > 0)
            {
                // Even when no step is resent: the connection's other work must not keep hitting the quota meanwhile.
                _gate.Pause(ThrottlePolicy.GatePause(pause, _options.MaxRetryDuration));
            }

            if (resend.Count > 0)
            {
                int resentItems = resend.Sum(c => c.Targets.Count), sentItems = round.Sum(c => c.Targets.Count);
                Log.BulkStepsThrottled(_logger, resentItems, sentItems, wait.TotalMilliseconds);
            }

            // Then the refusals, which may read the group or its members. One fresh member read per round serves every chunk
            // whose earlier, throttled send Graph may have applied anyway (graph-contract.md §7.1).
            var refresh = new Lazy<Task<bool>>(() => add.RefreshMembersAsync(this, now, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            foreach (var (chunk, answer) in refused)
            {
                later.AddRange(await SettleRefusalAsync(add, chunk, answer.Error!, refresh, cancellationToken).ConfigureAwait(false));
            }

            // The gate's pause holds the 429s for everyone; a 503/504 (or 424) step's wait is this call's own, counted from the answers.
            if (resend.Count > 0 && wait - _time.GetElapsedTime(now) is { Ticks: > 0 } remaining)
            {
                await Task.Delay(remaining, _time, cancellationToken).ConfigureAwait(false);
            }

            later.AddRange(resend);
            pending = later;
        }
    }

    /// <summary>Settles a chunk whose write was refused: fails it, or returns what must be written again (without known members, or halves).</summary>
    private async Task<List<Chunk>> SettleRefusalAsync(AddState add, Chunk chunk, EntraActionError error, Lazy<Task<bool>> refresh, CancellationToken cancellationToken)
    {
        var targets = chunk.Targets;
        var alreadyMember = GraphErrorMapper.IsAlreadyMember(error);
        if (alreadyMember && chunk.Resends > 0 && add.Prefetch != MemberPrefetch.Never && await refresh.Value.ConfigureAwait(false) && add.Snapshot()?.Ids is { } members)
        {
            // The write is atomic: an earlier send that was throttled yet applied left all of the chunk in the group. Then, if
            // the members were fully known (without these users) at its first send, this call added them; otherwise, or if only
            // some are there, they are reported as already members.
            var applied = chunk.UsersWereNotMembers && targets.TrueForAll(t => members.Contains(t.ObjectId));
            var rest = new List<Target>(targets.Count);
            foreach (var target in targets)
            {
                if (members.Contains(target.ObjectId))
                {
                    add.Run.Complete(target.Index, Change(target.ObjectId, add.Group, applied ? MembershipOutcome.Added : MembershipOutcome.AlreadyMember));
                }
                else
                {
                    rest.Add(target);
                }
            }

            if (rest.Count < targets.Count)
            {
                return rest.Count == 0 ? [] : [new Chunk(rest)];
            }
        }

        var itemSpecific = alreadyMember || error is { StatusCode: 404, GraphErrorCode: GraphErrorMapper.ResourceNotFound };
        if (itemSpecific && error.StatusCode == 404 && targets.Count > 1)
        {
            // A 404 names a missing member or a missing group (deleted after the cached guard read). Splitting would turn a
            // vanished group into one write per user, each blamed on the user; read the group once per call first.
            var still = await add.GroupStillExists.Value.ConfigureAwait(false);
            if (!still.Succeeded)
            {
                MembershipPreparation.ForgetGroupOnRefusal(_directory, add.Group, still.Error);
                var lost = ActionMessages.ForRead(still.Error, $"Group '{add.Group}'", "GroupMember.Read.All");
                if (still.Error.Kind == EntraErrorKind.NotFound)
                {
                    add.Run.GroupLost(lost);
                }

                add.Run.CompleteRemaining(targets.Select(t => t.Index), EntraActionResult.Failure<MembershipChange>(lost));
                return [];
            }
        }

        if (!itemSpecific || targets.Count == 1)
        {
            MembershipPreparation.ForgetGroupOnRefusal(_directory, add.Group, error);
            Fail(add, targets, error);
            return [];
        }

        // The write is atomic: one existing member (or one missing object) failed the whole chunk and nothing was written.
        // Learn the current members once, when that is cheaper than splitting (the next round drops the known members);
        // otherwise split to find the culprits.
        if (add.Prefetch == MemberPrefetch.Auto && alreadyMember
            && await add.EnsureMembersAsync(this, add.PrefetchPages, cancellationToken).ConfigureAwait(false)
            && add.WithoutKnownMembers(targets, add.Snapshot()) is var known && known.Count < targets.Count)
        {
            return known.Count == 0 ? [] : [new Chunk(known)];
        }

        var half = targets.Count / 2;
        return [new Chunk(targets[..half]), new Chunk(targets[half..])];
    }

    private static void Complete(AddState add, List<Target> targets, MembershipOutcome outcome)
    {
        foreach (var target in targets)
        {
            add.Run.Complete(target.Index, Change(target.ObjectId, add.Group, outcome));
        }
    }

    private static void Fail(AddState add, List<Target> targets, EntraActionError error)
    {
        foreach (var target in targets)
        {
            add.Run.Complete(target.Index, EntraActionResult.Failure<MembershipChange>(ActionMessages.ForWrite(
                error, $"Adding user '{add.Run.Input(target.Index)}' to group '{add.Group}'", $"User '{add.Run.Input(target.Index)}' was not found.")));
        }
    }

    /// <summary>
    /// A chunk of up to 20 users on its way to one atomic write, and what its earlier sends taught: how often it was resent after
    /// a 429/503/504 and since when, and whether, at its first send, the group's members were fully known (so none of its
    /// users was a member then).
    /// </summary>
    private sealed record Chunk(List<Target> Targets)
    {
        public int Resends { get; init; }

        public long? RefusedSince { get; init; }

        public bool UsersWereNotMembers { get; init; }
    }

    private sealed class AddState(BulkRun<MembershipChange> run, string group, MemberPrefetch prefetch, int chunkCount) : IDisposable
    {
        private readonly SemaphoreSlim _prefetchGate = new(1, 1);
        private volatile GroupMemberIds? _members;
        private bool _prefetched;
        private long _lastReadStarted = long.MinValue;

        public BulkRun<MembershipChange> Run { get; } = run;

        public string Group { get; } = group;

        public MemberPrefetch Prefetch { get; } = prefetch;

        /// <summary>The pages (of 999) a member read may take when it replaces splitting: a quarter of the chunks, at least one.</summary>
        public int PrefetchPages { get; } = Math.Max(1, chunkCount / 4);

        /// <summary>The members known now, as one immutable snapshot (a read replaces it whole), or <see langword="null"/>.</summary>
        public GroupMemberIds? Snapshot() => _members;

        /// <summary>One uncached read of the group per call, taken only when a write answers 404.</summary>
        public required Lazy<Task<EntraActionResult<EntraGroup>>> GroupStillExists { get; init; }

        public void Dispose() => _prefetchGate.Dispose();

        /// <summary>Completes the members known in <paramref name="members"/> as <see cref="MembershipOutcome.AlreadyMember"/> and returns the rest.</summary>
        public List<Target> WithoutKnownMembers(List<Target> chunk, GroupMemberIds? members)
        {
            if (members is null)
            {
                return chunk;
            }

            var rest = new List<Target>(chunk.Count);
            foreach (var target in chunk)
            {
                if (members.Ids.Contains(target.ObjectId))
                {
                    Run.Complete(target.Index, Change(target.ObjectId, Group, MembershipOutcome.AlreadyMember));
                }
                else
                {
                    rest.Add(target);
                }
            }

            return rest;
        }

        /// <summary>Reads the group's members once per call (later callers wait for the first read). Returns whether members are known.</summary>
        public async Task<bool> EnsureMembersAsync(EntraBulkActions owner, int maxPages, CancellationToken cancellationToken) =>
            await ReadMembersAsync(owner, maxPages, onlyOnce: true, answeredAt: 0, cancellationToken).ConfigureAwait(false);

        /// <summary>
        /// Reads the group's members again (they may have changed under a throttled write), with the budget of the first read
        /// (all pages after <see cref="MemberPrefetch.Always"/>), unless a read started after <paramref name="answeredAt"/>
        /// already saw what those answers left: concurrent workers share one re-read. Returns whether members are known.
        /// </summary>
        public async Task<bool> RefreshMembersAsync(EntraBulkActions owner, long answeredAt, CancellationToken cancellationToken) =>
            await ReadMembersAsync(owner, Prefetch == MemberPrefetch.Always ? int.MaxValue : PrefetchPages, onlyOnce: false, answeredAt, cancellationToken).ConfigureAwait(false);

        private async Task<bool> ReadMembersAsync(EntraBulkActions owner, int maxPages, bool onlyOnce, long answeredAt, CancellationToken cancellationToken)
        {
            await _prefetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if ((onlyOnce && _prefetched) || (!onlyOnce && _lastReadStarted >= answeredAt && _members is not null))
                {
                    return _members is not null;
                }

                _prefetched = true;
                _lastReadStarted = owner._time.GetTimestamp();
                await owner._gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                var read = await owner._bulk.GetGroupMemberIdsAsync(Group, maxPages, cancellationToken).ConfigureAwait(false);
                if (read.Succeeded)
                {
                    // Never downgrade: a shorter re-read adds what it saw to a set that was complete, which stays complete (the
                    // members this call learns about only grow, through its own writes).
                    _members = _members is { } known && !read.Value.IsComplete
                        ? new GroupMemberIds(new HashSet<string>(known.Ids.Concat(read.Value.Ids), StringComparer.OrdinalIgnoreCase), known.IsComplete)
                        : read.Value;
                }

                return read.Succeeded || (onlyOnce && _members is not null);
            }
            finally
            {
                _prefetchGate.Release();
            }
        }
    }

    // ---- Remove ------------------------------------------------------------------------------------------------------

    private async Task RemoveCoreAsync(BulkRun<MembershipChange> run, string groupId, BulkOptions options, CancellationToken cancellationToken)
    {
        if (!TryPrepare(run, groupId, EntraIdValidator.MemberIdInput, out var group, out var items))
        {
            return;
        }

        if (!await GuardGroupAsync(run, group, items, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // Object ids are removed as given (any member type); userPrincipalNames are resolved to users first.
        var upns = items.Where(i => !i.Id.IsObjectId).ToList();
        var resolved = upns.Count == 0 ? [] : await ResolveUsersAsync(upns, options with { UseGetByIds = false }, cancellationToken).ConfigureAwait(false);
        var targets = new List<Target>();
        var firstByObjectId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            var objectId = item.Id.Value;
            if (!item.Id.IsObjectId)
            {
                var user = resolved[item.Index];
                if (!user.Succeeded || !EntraIdValidator.TryValidateObjectId(user.Value.Id, EntraIdValidator.MemberIdInput, out objectId, out _))
                {
                    run.Complete(item.Index, EntraActionResult.Failure<MembershipChange>(user.Succeeded
                        ? new EntraActionError(EntraErrorKind.ServiceError, $"Member '{run.Input(item.Index)}' was resolved to an id that is not a GUID; no change was made.")
                        : ActionMessages.ForRead(user.Error, $"User '{run.Input(item.Index)}'", "User.Read.All to resolve the user")));
                    continue;
                }
            }

            if (firstByObjectId.TryGetValue(objectId, out var first))
            {
                run.MarkDuplicate(item.Index, first);
                continue;
            }

            firstByObjectId[objectId] = item.Index;
            targets.Add(new Target(item.Index, objectId));
        }

        var groupStillExists = new Lazy<Task<EntraActionResult<EntraGroup>>>(
            () => _directory.GetGroupAsync(group, [], cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        await ForEachChunkAsync(targets, IEntraBulkDirectory.MaxBatchSteps, options, async (chunk, token) =>
        {
            // Removed and failed items complete as their steps answer; "not a member" waits for the group check below.
            var notMembers = new List<Target>();
            await WithStepRetriesAsync(
                chunk,
                ids => _bulk.RemoveGroupMembersAsync(group, ids, token),
                t => t.ObjectId,
                (i, outcome) =>
                {
                    var target = chunk[i];
                    if (outcome.Succeeded && outcome.Value == MembershipOutcome.NotAMember)
                    {
                        notMembers.Add(target);
                        return;
                    }

                    run.Complete(target.Index, outcome.Succeeded
                        ? Change(target.ObjectId, group, outcome.Value)
                        : EntraActionResult.Failure<MembershipChange>(ActionMessages.ForWrite(
                            outcome.Error, $"Removing member '{run.Input(target.Index)}' from group '{group}'", $"Member '{run.Input(target.Index)}' was not found.")));
                },
                writes: true,
                options.MaxStepRetries,
                token).ConfigureAwait(false);

            if (notMembers.Count > 0)
            {
                // As in the single action: a 404 is "not a member" only while the group still exists (read once per call).
                var still = await groupStillExists.Value.ConfigureAwait(false);
                if (!still.Succeeded)
                {
                    var lost = ActionMessages.ForRead(still.Error, $"Group '{group}'", "GroupMember.Read.All");
                    if (still.Error.Kind == EntraErrorKind.NotFound)
                    {
                        run.GroupLost(lost);
                    }

                    run.CompleteRemaining(notMembers.Select(t => t.Index), EntraActionResult.Failure<MembershipChange>(lost));
                    return;
                }

                foreach (var target in notMembers)
                {
                    run.Complete(target.Index, Change(target.ObjectId, group, MembershipOutcome.NotAMember));
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    // ---- Lookup ------------------------------------------------------------------------------------------------------

    private async Task LookupCoreAsync(BulkRun<EntraUser> run, BulkOptions options, CancellationToken cancellationToken)
    {
        var items = ValidateItems(run, EntraIdValidator.UserIdInput);

        // The read is the work: each item completes as soon as its round trip answers, so progress follows the round trips
        // and a cancelled call still reports every user it read.
        await ResolveUsersAsync(items, options, cancellationToken, (index, user) => run.Complete(index, user.Succeeded
            ? user
            : EntraActionResult.Failure<EntraUser>(ActionMessages.ForRead(user.Error, $"User '{run.Input(index)}'", "User.Read.All (and Directory.Read.All with UseGetByIds)")))).ConfigureAwait(false);
    }

    // ---- Shared steps ------------------------------------------------------------------------------------------------

    /// <summary>Validates the group id and every item; invalid items fail alone; duplicates are marked. False when nothing can proceed.</summary>
    private static bool TryPrepare<T>(BulkRun<T> run, string groupId, string inputName, out string group, out List<Item> items)
    {
        if (!EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out var validGroup, out var groupError))
        {
            group = string.Empty;
            items = [];
            run.FailCall(Enumerable.Range(0, run.Count), groupError);
            return false;
        }

        group = validGroup;
        items = ValidateItems(run, inputName);
        return items.Count > 0;
    }

    private static List<Item> ValidateItems<T>(BulkRun<T> run, string inputName)
    {
        var items = new List<Item>(run.Count);
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < run.Count; i++)
        {
            if (!EntraIdValidator.TryValidateUserId(run.Input(i), inputName, out var id, out var error))
            {
                run.Complete(i, EntraActionResult.Failure<T>(error));
                continue;
            }

            if (first.TryGetValue(id.Value, out var earlier))
            {
                run.MarkDuplicate(i, earlier);
                continue;
            }

            first[id.Value] = i;
            items.Add(new Item(i, id));
        }

        return items;
    }

    /// <summary>Reads the group once per call (through the group-kind cache) and applies the same guard as the single actions.</summary>
    private async Task<bool> GuardGroupAsync(BulkRun<MembershipChange> run, string group, List<Item> items, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var read = _directory is IGroupKindReader reader
            ? await reader.GetGroupForMembershipChangeAsync(group, cancellationToken).ConfigureAwait(false)
            : await _directory.GetGroupAsync(group, [], cancellationToken).ConfigureAwait(false);
        var refusal = !read.Succeeded
            ? ActionMessages.ForRead(read.Error, $"Group '{group}'", "GroupMember.Read.All (included in GroupMember.ReadWrite.All)")
            : GroupMembershipGuard.Check(read.Value, _options);
        if (refusal is null)
        {
            return true;
        }

        run.FailCall(items.Select(i => i.Index), refusal);
        return false;
    }

    /// <summary>
    /// Resolves users: object ids through <c>getByIds</c> (1,000 per request) when allowed, otherwise through <c>$batch</c>
    /// steps of <c>$filter=id in (...)</c> (300 per request); userPrincipalNames through <c>$filter=userPrincipalName in (...)</c>
    /// steps likewise when their characters are safe in a filter, and alone when they hold '#' (guests), since <c>$batch</c> URLs
    /// are unescaped. <c>$batch</c> reads of <c>/users/{upn}</c> (20 per request) remain for any other name the validator might
    /// accept one day: today every valid name without '#' is safe in a filter.
    /// </summary>
    private async Task<Dictionary<int, EntraActionResult<EntraUser>>> ResolveUsersAsync(
        List<Item> items, BulkOptions options, CancellationToken cancellationToken, Action<int, EntraActionResult<EntraUser>>? onResolved = null)
    {
        var results = new Dictionary<int, EntraActionResult<EntraUser>>(items.Count);
        var objectIds = items.Where(i => i.Id.IsObjectId).ToList();
        var byIds = options.UseGetByIds ? objectIds : [];
        var filtered = options.UseGetByIds ? [] : objectIds;
        var upns = items.Where(i => !i.Id.IsObjectId).ToList();
        var filteredUpns = upns.Where(i => IEntraBulkDirectory.IsFilterSafeUserPrincipalName(i.Id.Value)).ToList();
        var single = upns.Where(i => i.Id.Value.Contains('#', StringComparison.Ordinal)).ToList();
        var batched = upns.Except(filteredUpns).Except(single).ToList();
        var gate = new Lock();

        await ForEachChunkAsync(byIds, IEntraBulkDirectory.MaxIdsPerGetByIds, options, async (chunk, token) =>
        {
            await _gate.WaitAsync(token).ConfigureAwait(false);
            var found = await _bulk.GetUsersByObjectIdsAsync(chunk.Select(i => i.Id.Value).ToList(), token).ConfigureAwait(false);
            Dictionary<string, EntraUser>? users = null;
            if (found.Succeeded)
            {
                // TryAdd: a malformed answer listing an id twice must not throw out of the bulk call.
                users = new Dictionary<string, EntraUser>(StringComparer.OrdinalIgnoreCase);
                foreach (var user in found.Value)
                {
                    users.TryAdd(user.Id, user);
                }
            }

            Store(chunk, [.. chunk.Select(item => users is null
                ? EntraActionResult.Failure<EntraUser>(found.Error!)
                : users.TryGetValue(item.Id.Value, out var user)
                    ? EntraActionResult.Success(user)
                    : EntraActionResult.Failure<EntraUser>(new EntraActionError(EntraErrorKind.NotFound, $"User '{item.Id.Value}' was not found.")))]);
        }, cancellationToken).ConfigureAwait(false);

        await ReadInBatchesAsync(filtered, IEntraBulkDirectory.MaxIdsPerFilterBatch, _bulk.FindUsersByObjectIdsAsync).ConfigureAwait(false);
        await ReadInBatchesAsync(filteredUpns, IEntraBulkDirectory.MaxIdsPerFilterBatch, _bulk.FindUsersByUserPrincipalNamesAsync).ConfigureAwait(false);
        await ReadInBatchesAsync(batched, IEntraBulkDirectory.MaxBatchSteps, _bulk.GetUsersAsync).ConfigureAwait(false);
        await ForEachChunkAsync(single, 1, options, async (chunk, token) =>
        {
            await _gate.WaitAsync(token).ConfigureAwait(false);
            var user = await _directory.GetUserAsync(chunk[0].Id.Value, [], token).ConfigureAwait(false);
            Store(chunk, [user]);
        }, cancellationToken).ConfigureAwait(false);

        return results;

        // One $batch read per chunk, its throttled steps resent alone; each id is stored as soon as its step answers.
        Task ReadInBatchesAsync(List<Item> part, int size, Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<EntraActionResult<EntraUser>>>> read) =>
            ForEachChunkAsync(part, size, options, (chunk, token) =>
                WithStepRetriesAsync(chunk, ids => read(ids, token), i => i.Id.Value, (i, user) => Store([chunk[i]], [user]), writes: false, options.MaxStepRetries, token), cancellationToken);

        void Store(List<Item> chunk, IReadOnlyList<EntraActionResult<EntraUser>> users)
        {
            lock (gate)
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    results[chunk[i].Index] = users[i];
                }
            }

            for (var i = 0; i < chunk.Count; i++)
            {
                onResolved?.Invoke(chunk[i].Index, users[i]);
            }
        }
    }

    /// <summary>
    /// Sends one <c>$batch</c> and resends only the steps Graph throttled or found unavailable (429, 503, 504) after the largest
    /// <c>Retry-After</c> among them, pausing every request of the connection meanwhile. Bounded by
    /// <see cref="BulkOptions.MaxStepRetries"/> rounds and <see cref="EntraActionsOptions.MaxRetryDuration"/>; steps still refused
    /// then keep their result. Every other answer is handed to <paramref name="onFinal"/> as soon as it arrives, so a cancellation
    /// during a later wait still reports what Graph already did. A resent delete whose first attempt Graph applied anyway
    /// answers 404, which is reported as not a member: still correct, and never a failure.
    /// </summary>
    private async Task WithStepRetriesAsync<TItem, TResult>(
        List<TItem> chunk,
        Func<List<string>, Task<IReadOnlyList<EntraActionResult<TResult>>>> send,
        Func<TItem, string> id,
        Action<int, EntraActionResult<TResult>> onFinal,
        bool writes,
        int maxRetries,
        CancellationToken cancellationToken)
    {
        var pending = Enumerable.Range(0, chunk.Count).ToList();
        var started = _time.GetTimestamp();
        for (var round = 0; ; round++)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (writes)
            {
                await _pacer.PaceAsync(pending.Count, _options.MaxRetryDuration, cancellationToken).ConfigureAwait(false);
            }

            var answers = await send(pending.Select(p => id(chunk[p])).ToList()).ConfigureAwait(false);
            var retry = new List<(int Index, EntraActionResult<TResult> Answer)>();
            var wait = TimeSpan.Zero;
            var throttled = 0;
            for (var i = 0; i < pending.Count; i++)
            {
                if (answers[i].Error is { } error && ThrottlePolicy.IsRetryable(error))
                {
                    retry.Add((pending[i], answers[i]));
                    throttled += error.Kind == EntraErrorKind.Throttled ? 1 : 0;
                    var retryAfter = ThrottlePolicy.StepRetryAfter(error);
                    wait = retryAfter > wait ? retryAfter : wait;
                }
                else
                {
                    onFinal(pending[i], answers[i]);
                }
            }

            if (writes)
            {
                _pacer.Record(answers.Count(a => a.Succeeded), throttled);
            }

            if (throttled > 0)
            {
                // Even when nothing is resent: the connection's other work must not keep hitting the quota meanwhile.
                _gate.Pause(ThrottlePolicy.GatePause(wait, _options.MaxRetryDuration));
            }

            if (retry.Count == 0 || round >= maxRetries || _time.GetElapsedTime(started) + wait > _options.MaxRetryDuration)
            {
                foreach (var (index, answer) in retry)
                {
                    onFinal(index, answer);
                }

                return;
            }

            Log.BulkStepsThrottled(_logger, retry.Count, pending.Count, wait.TotalMilliseconds);
            if (throttled == 0)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            pending = [.. retry.Select(r => r.Index)];
        }
    }

    private static async Task ForEachChunkAsync<TItem>(List<TItem> items, int size, BulkOptions options, Func<List<TItem>, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var chunks = items.Chunk(size).Select(c => c.ToList()).ToList();
        if (chunks.Count == 1 || options.MaxConcurrency == 1)
        {
            foreach (var chunk in chunks)
            {
                // As Parallel.ForEachAsync does between items: a seam or handler that ignores the token must not let a
                // cancelled call go on writing.
                cancellationToken.ThrowIfCancellationRequested();
                await work(chunk, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (chunk, token) => await work(chunk, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static int ChunkCount(int items, int size) => (items + size - 1) / size;

    private static EntraActionResult<MembershipChange> Change(string memberId, string groupId, MembershipOutcome outcome) =>
        EntraActionResult.Success(new MembershipChange { MemberId = memberId, GroupId = groupId, Outcome = outcome });

    private readonly record struct Item(int Index, ValidatedId Id);

    private readonly record struct Target(int Index, string ObjectId);
}
