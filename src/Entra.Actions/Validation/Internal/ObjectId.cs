namespace Entra.Actions.Validation.Internal;

/// <summary>
/// An object id that passed <see cref="EntraIdValidator"/>: a GUID in the hyphenated form, lower case, so it is safe in any
/// Graph URL, <c>$batch</c> step URL or <c>$filter</c> literal as it is. Only the validator creates one.
/// </summary>
internal readonly record struct ObjectId
{
    /// <summary>Creates the id; only <see cref="EntraIdValidator"/> calls this, with a normalized GUID.</summary>
    /// <param name="value">The GUID, hyphenated and lower case.</param>
    internal ObjectId(string value) => Value = value;

    /// <summary>The GUID, hyphenated and lower case.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}
