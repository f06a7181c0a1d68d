namespace Entra.Actions.Validation.Internal;

/// <summary>An id that passed <see cref="EntraIdValidator"/>: an object id or a userPrincipalName, safe in a Graph URL path segment.</summary>
internal readonly record struct ValidatedId
{
    private readonly ObjectId _objectId;
    private readonly string? _value;

    /// <summary>An object id; only <see cref="EntraIdValidator"/> calls this.</summary>
    /// <param name="objectId">The validated object id.</param>
    internal ValidatedId(ObjectId objectId)
    {
        _objectId = objectId;
        _value = objectId.Value;
        Kind = EntraIdKind.ObjectId;
    }

    /// <summary>A userPrincipalName; only <see cref="EntraIdValidator"/> calls this, with a name it accepted.</summary>
    /// <param name="userPrincipalName">The name, as given.</param>
    internal ValidatedId(string userPrincipalName)
    {
        _value = userPrincipalName;
        Kind = EntraIdKind.UserPrincipalName;
    }

    /// <summary>The id; GUIDs are normalized to lower case, userPrincipalNames are kept as given.</summary>
    /// <exception cref="InvalidOperationException">For <c>default(ValidatedId)</c>, which no validator made: it must never reach a URL.</exception>
    public string Value => _value ?? throw new InvalidOperationException("This ValidatedId was not made by EntraIdValidator (a default value); it cannot be used in a request.");

    /// <summary>Whether it is an object id or a userPrincipalName.</summary>
    public EntraIdKind Kind { get; }

    /// <summary>Whether the id is an object id (GUID).</summary>
    public bool IsObjectId => Kind == EntraIdKind.ObjectId;

    /// <summary>The object id; only for an id that <see cref="IsObjectId"/>.</summary>
    public ObjectId ObjectId => IsObjectId ? _objectId : throw new InvalidOperationException("A userPrincipalName is not an object id.");

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;
}
