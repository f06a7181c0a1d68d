namespace Entra.Actions.Validation.Internal;

/// <summary>
/// An object id that passed <see cref="EntraIdValidator"/>: a GUID in the hyphenated form, lower case, so it is safe in any
/// Graph URL, <c>$batch</c> step URL or <c>$filter</c> literal as it is. Only the validator creates one.
/// </summary>
internal readonly record struct ObjectId
{
    private readonly string? _value;

    /// <summary>Creates the id; only <see cref="EntraIdValidator"/> calls this, with a normalized GUID.</summary>
    /// <param name="value">The GUID, hyphenated and lower case.</param>
    internal ObjectId(string value) => _value = value;

    /// <summary>The GUID, hyphenated and lower case.</summary>
    /// <exception cref="InvalidOperationException">For <c>default(ObjectId)</c>, which no validator made: it must never reach a URL.</exception>
    public string Value => _value ?? throw new InvalidOperationException("This ObjectId was not made by EntraIdValidator (a default value); it cannot be used in a request.");

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;
}
