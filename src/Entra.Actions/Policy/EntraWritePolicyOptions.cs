namespace Entra.Actions;

/// <summary>
/// The write policy of a registration or a connection (<see cref="EntraActionsOptions.Policy"/>): which groups may be
/// changed, whether guests may be added, and how large a bulk call may be. Evaluated after the reads and before any
/// write; a refusal is an <see cref="EntraErrorKind.PolicyDenied"/> failure that names the rule, and no write is sent.
/// </summary>
public sealed class EntraWritePolicyOptions
{
    /// <summary>The default for <see cref="MaxBulkItems"/>: 10,000.</summary>
    public const int DefaultMaxBulkItems = 10_000;

    /// <summary>The largest value <see cref="MaxBulkItems"/> accepts: 1,000,000.</summary>
    public const int MaxBulkItemsLimit = 1_000_000;

    /// <summary>Object ids (GUIDs) of groups no action may change, whatever else allows it.</summary>
    public IList<string> ProtectedGroupIds { get; set; } = [];

    /// <summary>When not empty, the object ids (GUIDs) of the only groups actions may change.</summary>
    public IList<string> AllowedGroupIds { get; set; } = [];

    /// <summary>
    /// Refuse adding a guest (a user whose <c>userType</c> is <c>Guest</c>, or, where Graph returns no <c>userType</c>,
    /// whose userPrincipalName holds <c>#EXT#</c>) to any group. Default <see langword="false"/>. Removals are not affected.
    /// </summary>
    public bool RefuseGuests { get; set; }

    /// <summary>
    /// The most items one bulk call may carry; a call with more is refused as a whole before any request (the invoker
    /// applies it too). Default 10,000; 1 to 1,000,000.
    /// </summary>
    public int MaxBulkItems { get; set; } = DefaultMaxBulkItems;

    /// <inheritdoc />
    public override string ToString() =>
        $"{{ ProtectedGroupIds = [{string.Join(", ", ProtectedGroupIds)}], AllowedGroupIds = [{string.Join(", ", AllowedGroupIds)}], RefuseGuests = {RefuseGuests}, MaxBulkItems = {MaxBulkItems} }}";
}
