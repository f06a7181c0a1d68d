namespace Entra.Actions;

/// <summary>One membership write attempt, as recorded by every <see cref="IEntraAuditSink"/>.</summary>
public sealed class EntraAuditEvent
{
    /// <summary>When the attempt ended (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The connection's name, or <see langword="null"/> for the services registered by <c>AddEntraActions</c> directly.</summary>
    public string? ConnectionName { get; init; }

    /// <summary>The tenant id, read from the access token (or the configured tenant when no token was read).</summary>
    public string? TenantId { get; init; }

    /// <summary>Who acted, read from the access token: the userPrincipalName for a delegated token, the application (client) id for an app-only token.</summary>
    public string? ActingIdentity { get; init; }

    /// <summary>The catalog id of the action (<c>entra.add_user_to_group</c>, <c>entra.bulk_add_users_to_group</c>, ...).</summary>
    public required string ActionId { get; init; }

    /// <summary>The member's object id, or the id given when it was never resolved; <see langword="null"/> when the input was invalid or the whole call was refused.</summary>
    public string? UserId { get; init; }

    /// <summary>The member's userPrincipalName, when known.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>The group's object id; <see langword="null"/> when the input was invalid.</summary>
    public string? GroupId { get; init; }

    /// <summary>The group's display name, when it was read.</summary>
    public string? GroupDisplayName { get; init; }

    /// <summary>What happened (or would have, in a dry run) when the attempt succeeded.</summary>
    public MembershipOutcome? Outcome { get; init; }

    /// <summary>Why the attempt failed; <see langword="null"/> when it succeeded.</summary>
    public EntraErrorKind? ErrorKind { get; init; }

    /// <summary>The policy rule that refused the change (<c>ProtectedGroupIds</c>, <c>AllowedGroupIds</c>, <c>RefuseGuests</c>, <c>MaxBulkItems</c>, or a host policy's type name).</summary>
    public string? PolicyRule { get; init; }

    /// <summary>The failure's message (names the ids and the reason); <see langword="null"/> when the attempt succeeded.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Graph's request ids of the call's requests (for support tickets).</summary>
    public IReadOnlyList<string> GraphRequestIds { get; init; } = [];

    /// <summary>How long the call took (a bulk call's whole duration for each of its items).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether this was a dry run (nothing was written).</summary>
    public bool IsDryRun { get; init; }

    /// <summary>Shared by every event of one call (the items of a bulk call); the trace id when the call was traced.</summary>
    public required string CorrelationId { get; init; }

    /// <summary>Whether the attempt succeeded.</summary>
    public bool Succeeded => ErrorKind is null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{ActionId} user {UserId ?? "(none)"} group {GroupId ?? "(none)"}: {(Succeeded ? Outcome?.ToString() : ErrorKind?.ToString())}{(IsDryRun ? " (dry run)" : string.Empty)}";
}
