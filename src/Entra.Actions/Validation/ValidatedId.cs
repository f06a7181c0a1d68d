namespace Entra.Actions;

/// <summary>An id that passed <see cref="EntraIdValidator"/>: safe to put in a Graph URL path segment.</summary>
/// <param name="Value">The id; GUIDs are normalized to lower case, userPrincipalNames are kept as given.</param>
/// <param name="Kind">Whether it is an object id or a userPrincipalName.</param>
internal readonly record struct ValidatedId(string Value, EntraIdKind Kind)
{
    /// <summary>Whether the id is an object id (GUID).</summary>
    public bool IsObjectId => Kind == EntraIdKind.ObjectId;

    /// <inheritdoc />
    public override string ToString() => Value;
}
