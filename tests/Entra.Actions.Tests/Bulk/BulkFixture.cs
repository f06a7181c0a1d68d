using System.Globalization;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Bulk.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Throttling.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

/// <summary>
/// The two seams of <see cref="EntraBulkActions"/> mocked over a tiny model of one group (its members, the users that exist),
/// with every seam call recorded in order (a <c>$batch</c> of writes as "AddBatch" with its chunk sizes, then an "Add" per step). The model answers like Graph: an atomic bind fails whole on an existing member
/// (400 "already exist") or a missing object (404); a single existing member is <see cref="MembershipOutcome.AlreadyMember"/>.
/// Tests replace any answer with their own callbacks.
/// </summary>
internal sealed class BulkFixture
{
    public const string AlreadyExistsMessage =
        "Graph answered 400 Request_BadRequest: One or more added object references already exist for the following modified properties: 'members'.";

    private readonly Lock _gate = new();
    private readonly List<SeamCall> _calls = [];
    private readonly List<IReadOnlyCollection<string>?> _selected = [];

    public BulkFixture()
    {
        Gate = new ThrottleGate(Time);
        Pacer = new WritePacer(Time);
        Directory.SetupGroup(SecurityGroup());
        Directory.Setup(d => d.GetUserAsync(It.IsAny<string>(), NoProperties(), It.IsAny<CancellationToken>()))
            .Returns((string id, IReadOnlyCollection<string> _, CancellationToken ct) =>
            {
                ct.ThrowIfCancellationRequested();
                Record("GetUser", [id]);
                return Task.FromResult(ReadUser(id));
            });
        Bulk.Setup(b => b.FindUsersByObjectIdsAsync(It.IsAny<IReadOnlyList<ObjectId>>(), It.IsAny<IReadOnlyCollection<string>?>(), It.IsAny<CancellationToken>()))
            .Returns((IReadOnlyList<ObjectId> validated, IReadOnlyCollection<string>? properties, CancellationToken ct) =>
            {
                ct.ThrowIfCancellationRequested();
                var ids = Values(validated);
                Record("FindUsers", ids, properties);
                return Task.FromResult(FindUsers?.Invoke(ids) ?? (IReadOnlyList<EntraActionResult<EntraUser>>)[.. ids.Select(id => ReadUser(id, properties))]);
            });
        Bulk.Setup(b => b.FindUsersByUserPrincipalNamesAsync(It.IsAny<IReadOnlyList<ValidatedId>>(), It.IsAny<IReadOnlyCollection<string>?>(), It.IsAny<CancellationToken>()))
            .Returns((IReadOnlyList<ValidatedId> validated, IReadOnlyCollection<string>? properties, CancellationToken ct) =>
            {
                ct.ThrowIfCancellationRequested();
                var names = Values(validated);
                Record("FindUpns", names, properties);
                return Task.FromResult(FindUsers?.Invoke(names) ?? (IReadOnlyList<EntraActionResult<EntraUser>>)[.. names.Select(id => ReadUser(id, properties))]);
            });
        Bulk.Setup(b => b.GetUsersByObjectIdsAsync(It.IsAny<IReadOnlyList<ObjectId>>(), It.IsAny<IReadOnlyCollection<string>?>(), It.IsAny<CancellationToken>()))
            .Returns((IReadOnlyList<ObjectId> validated, IReadOnlyCollection<string>? properties, CancellationToken ct) =>
            {
                ct.ThrowIfCancellationRequested();
                var ids = Values(validated);
                Record("GetByIds", ids, properties);
                return Task.FromResult(GetByIds?.Invoke(ids) ?? EntraActionResult.Success<IReadOnlyList<EntraUser>>(
                    [.. ids.Select(id => ReadUser(id, properties)).Where(u => u.Succeeded).Select(u => u.Value!)]));
            });
        Bulk.Setup(b => b.GetGroupMemberIdsAsync(GroupOid, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns((ObjectId _, int maxPages, CancellationToken ct) =>
            {
                ct.ThrowIfCancellationRequested();
                Record("GetMembers", [maxPages.ToString(CultureInfo.InvariantCulture)]);
                lock (_gate)
                {
                    return Task.FromResult(MemberRead ?? EntraActionResult.Success(new GroupMemberIds(new HashSet<string>(Members, StringComparer.OrdinalIgnoreCase), IsComplete: true)));
                }
            });
        Bulk.Setup(b => b.AddGroupMembersAsync(GroupOid, It.IsAny<IReadOnlyList<ObjectId>>(), It.IsAny<CancellationToken>()))
            .Returns(async (ObjectId _, IReadOnlyList<ObjectId> validated, CancellationToken ct) =>
            {
                await Task.Yield(); // completes on another thread, so concurrent chunks really interleave
                ct.ThrowIfCancellationRequested();
                var ids = Values(validated);
                var call = Record("Add", ids);
                var answer = Answer(Add?.Invoke(ids) ?? Bind(ids), ids.Count);
                call.Succeeded = answer.Status == MemberAddStatus.Added; // a lone "already there" binds nothing
                return answer;
            });
        Bulk.Setup(b => b.AddGroupMembersInBatchAsync(GroupOid, It.IsAny<IReadOnlyList<IReadOnlyList<ObjectId>>>(), It.IsAny<CancellationToken>()))
            .Returns(async (ObjectId _, IReadOnlyList<IReadOnlyList<ObjectId>> chunks, CancellationToken ct) =>
            {
                await Task.Yield();
                ct.ThrowIfCancellationRequested();
                Record("AddBatch", [.. chunks.Select(c => c.Count.ToString(CultureInfo.InvariantCulture))]);

                // Each step is recorded and answered like a lone write: Graph runs every step of a $batch on its own.
                var results = new List<MemberAddAnswer>(chunks.Count);
                foreach (var chunk in chunks)
                {
                    var ids = Values(chunk);
                    var call = Record("Add", ids);
                    var answer = Answer(AddStep?.Invoke(ids) ?? Add?.Invoke(ids) ?? Bind(ids), ids.Count);
                    call.Succeeded = answer.Status == MemberAddStatus.Added; // a lone "already there" binds nothing
                    results.Add(answer);
                }

                return (IReadOnlyList<MemberAddAnswer>)results;
            });
        Bulk.Setup(b => b.RemoveGroupMembersAsync(GroupOid, It.IsAny<IReadOnlyList<ObjectId>>(), It.IsAny<CancellationToken>()))
            .Returns(async (ObjectId _, IReadOnlyList<ObjectId> validated, CancellationToken ct) =>
            {
                await Task.Yield();
                ct.ThrowIfCancellationRequested();
                var ids = Values(validated);
                Record("Remove", ids);
                return Remove?.Invoke(ids) ?? (IReadOnlyList<EntraActionResult<MembershipOutcome>>)[.. ids.Select(Unbind)];
            });
    }

    public Mock<IEntraDirectory> Directory { get; } = TestData.Directory();

    public Mock<IEntraBulkDirectory> Bulk { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public ThrottleGate Gate { get; }

    /// <summary>The connection's write pacer.</summary>
    public WritePacer Pacer { get; }

    public EntraActionsOptions Options { get; } = new();

    /// <summary>The group's current members (lower-case object ids).</summary>
    public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Object ids and UPNs that do not name a user (reads answer 404; binds of those object ids answer 404).</summary>
    public HashSet<string> Missing { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Object ids of guests (their <c>userType</c> is Guest when it is selected).</summary>
    public HashSet<string> Guests { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The extra properties each user read selected, in order.</summary>
    public IReadOnlyList<IReadOnlyCollection<string>?> SelectedProperties
    {
        get
        {
            lock (_gate)
            {
                return [.. _selected];
            }
        }
    }

    /// <summary>userPrincipalName → object id.</summary>
    public Dictionary<string, string> Upns { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Object ids that exist as users when read but are gone by the time they are bound (the bind answers 404).</summary>
    public HashSet<string> VanishBeforeWrite { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answers every write, lone or a <c>$batch</c> step; the default binds in the model.</summary>
    public Func<IReadOnlyList<string>, EntraActionResult<MembershipOutcome>>? Add { get; set; }

    /// <summary>Answers <c>$batch</c> write steps only (before <see cref="Add"/>), for answers a lone write never gives (a step's own 429).</summary>
    public Func<IReadOnlyList<string>, EntraActionResult<MembershipOutcome>>? AddStep { get; set; }

    public Func<IReadOnlyList<string>, IReadOnlyList<EntraActionResult<MembershipOutcome>>>? Remove { get; set; }

    /// <summary>Answers <c>$filter</c> reads (object ids or userPrincipalNames); the default reads each from the model.</summary>
    public Func<IReadOnlyList<string>, IReadOnlyList<EntraActionResult<EntraUser>>>? FindUsers { get; set; }

    public Func<IReadOnlyList<string>, EntraActionResult<IReadOnlyList<EntraUser>>>? GetByIds { get; set; }

    public EntraActionResult<GroupMemberIds>? MemberRead { get; set; }

    /// <summary>Every seam call in the order it was made.</summary>
    public IReadOnlyList<SeamCall> Calls
    {
        get { lock (_gate) { return [.. _calls]; } }
    }

    public IReadOnlyList<SeamCall> CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>The group every setup answers for, as the engine passes it to the seam.</summary>
    public static ObjectId GroupOid { get; } = Oid(GroupId);

    /// <summary>An object id made the only way the library makes one: through the validator.</summary>
    public static ObjectId Oid(string value)
    {
        EntraIdValidator.TryValidate(value, "Test ID", out ObjectId id, out _).Should().BeTrue();
        return id;
    }

    /// <summary>
    /// What the seam answers for a write, decided by the Graph directory's own mapper: a model answer that reads like Graph's
    /// (400 "already exist", 404, 429) becomes the seam's refusal kinds.
    /// </summary>
    public static MemberAddAnswer Answer(EntraActionResult<MembershipOutcome> result, int memberCount) =>
        result.Succeeded
            ? result.Value == MembershipOutcome.AlreadyMember ? MemberAddAnswer.AlreadyMember : MemberAddAnswer.Added
            : GraphErrorMapper.ToAddAnswer(result.Error, memberCount);

    public static List<string> Values(IReadOnlyList<ObjectId> ids) => [.. ids.Select(id => id.Value)];

    public static List<string> Values(IReadOnlyList<ValidatedId> ids) => [.. ids.Select(id => id.Value)];

    /// <summary>A distinct lower-case object id per number.</summary>
    public static string Id(int n) => $"00000000-0000-4000-8000-{n:x12}";

    public static List<string> Ids(int count, int first = 0) => [.. Enumerable.Range(first, count).Select(Id)];

    public static EntraActionError AlreadyExists() =>
        new(EntraErrorKind.InvalidInput, AlreadyExistsMessage) { StatusCode = 400, GraphErrorCode = "Request_BadRequest", RequestId = RequestId };

    public static EntraActionError NotFound() => GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound");

    public static EntraActionError Throttled(double retryAfterSeconds) =>
        GraphError(EntraErrorKind.Throttled, 429, "TooManyRequests", TimeSpan.FromSeconds(retryAfterSeconds));

    /// <summary>The host's write policies the engine consults (none by default).</summary>
    public List<IEntraWritePolicy> WritePolicies { get; } = [];

    /// <summary>The audit sinks the engine publishes to (none by default).</summary>
    public List<IEntraAuditSink> AuditSinks { get; } = [];

    /// <summary>The engine's logger (none by default).</summary>
    public ILogger<EntraBulkActions> Logger { get; set; } = NullLogger<EntraBulkActions>.Instance;

    /// <summary>The write guard's logger (none by default).</summary>
    public ILogger<WriteGuard>? GuardLogger { get; set; }

    public EntraBulkActions Create()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        return new(Directory.Object, Bulk.Object, new ThrottleCoordinator(Gate, Pacer, Time), options, Time,
            new WriteGuard(options, WritePolicies, logger: GuardLogger), new AuditTrail(AuditSinks, options), Logger);
    }

    /// <summary>Awaits a bulk call while advancing the fake clock, so that waits for <c>Retry-After</c> pass.</summary>
    public async Task<T> WithTimeAdvancingAsync<T>(Task<T> run)
    {
        for (var i = 0; i < 10_000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        return await run;
    }

    /// <summary>Asserts every id appears in at most one successful bind, and returns the ids bound.</summary>
    public List<string> ShouldHaveBoundEachIdAtMostOnce()
    {
        var bound = CallsTo("Add").Where(c => c.Succeeded == true).SelectMany(c => c.Ids).ToList();
        bound.Should().OnlyHaveUniqueItems("an id must never be written twice");
        return bound;
    }

    private EntraActionResult<EntraUser> ReadUser(string id) => ReadUser(id, null);

    /// <summary>A user read, with <c>userType</c> (Guest for <see cref="Guests"/>, else Member) when it was selected.</summary>
    private EntraActionResult<EntraUser> ReadUser(string id, IReadOnlyCollection<string>? properties)
    {
        if (Missing.Contains(id))
        {
            return EntraActionResult.Failure<EntraUser>(NotFound());
        }

        var objectId = Upns.TryGetValue(id, out var resolved) ? resolved : Guid.TryParse(id, out _) ? id : null;
        if (objectId is null)
        {
            return EntraActionResult.Failure<EntraUser>(NotFound());
        }

        var user = User(objectId);
        if (properties?.Contains("userType") == true)
        {
            var userType = System.Text.Json.JsonSerializer.SerializeToElement(Guests.Contains(objectId) ? "Guest" : "Member");
            user = new EntraUser
            {
                Id = user.Id,
                DisplayName = user.DisplayName,
                UserPrincipalName = user.UserPrincipalName,
                AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["userType"] = userType },
            };
        }

        return EntraActionResult.Success(user);
    }

    /// <summary>
    /// Answers the first write step that <paramref name="which"/> picks with a 429 after applying it, as Graph may
    /// do; every other write comes from the model.
    /// </summary>
    public void ThrottleOnceButApply(Func<IReadOnlyList<string>, bool> which, double retryAfterSeconds = 1)
    {
        var done = false;
        AddStep = chunk =>
        {
            if (!done && which(chunk))
            {
                done = true;
                Bind(chunk).Succeeded.Should().BeTrue("the model applies the write");
                return EntraActionResult.Failure<MembershipOutcome>(Throttled(retryAfterSeconds));
            }

            return Bind(chunk);
        };
    }

    /// <summary>Answers a write from the model, as the default does (for callbacks that change only some answers).</summary>
    public EntraActionResult<MembershipOutcome> Model(IReadOnlyList<string> ids) => Bind(ids);

    private EntraActionResult<MembershipOutcome> Bind(IReadOnlyList<string> ids)
    {
        lock (_gate)
        {
            if (ids.Any(id => Missing.Contains(id) || VanishBeforeWrite.Contains(id)))
            {
                return EntraActionResult.Failure<MembershipOutcome>(NotFound());
            }

            if (ids.Any(Members.Contains))
            {
                return ids.Count == 1
                    ? EntraActionResult.Success(MembershipOutcome.AlreadyMember)
                    : EntraActionResult.Failure<MembershipOutcome>(AlreadyExists());
            }

            Members.UnionWith(ids);
            return EntraActionResult.Success(MembershipOutcome.Added);
        }
    }

    private EntraActionResult<MembershipOutcome> Unbind(string id)
    {
        lock (_gate)
        {
            return EntraActionResult.Success(Members.Remove(id) ? MembershipOutcome.Removed : MembershipOutcome.NotAMember);
        }
    }

    private SeamCall Record(string method, IReadOnlyList<string> ids, IReadOnlyCollection<string>? properties)
    {
        lock (_gate)
        {
            _selected.Add(properties);
        }

        return Record(method, ids);
    }

    private SeamCall Record(string method, IReadOnlyList<string> ids)
    {
        var call = new SeamCall(method, [.. ids]);
        lock (_gate)
        {
            _calls.Add(call);
        }

        return call;
    }
}

/// <summary>One call to a seam: the method and the ids it carried; for binds, whether it succeeded.</summary>
internal sealed record SeamCall(string Method, IReadOnlyList<string> Ids)
{
    public bool? Succeeded { get; set; }

    public override string ToString() => $"{Method}[{string.Join(",", Ids)}]";
}

/// <summary>An <see cref="IProgress{T}"/> that records every report synchronously, on the reporting thread.</summary>
internal sealed class RecordingProgress(Action<BulkProgress>? onReport = null) : IProgress<BulkProgress>
{
    private readonly Lock _gate = new();
    private readonly List<BulkProgress> _reports = [];

    public IReadOnlyList<BulkProgress> Reports
    {
        get { lock (_gate) { return [.. _reports]; } }
    }

    public void Report(BulkProgress value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
