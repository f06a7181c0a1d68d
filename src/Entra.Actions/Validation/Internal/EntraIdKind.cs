namespace Entra.Actions.Validation.Internal;

/// <summary>Which form a validated id took.</summary>
internal enum EntraIdKind
{
    /// <summary>An object id: a GUID in the hyphenated form, lower case.</summary>
    ObjectId = 0,

    /// <summary>A userPrincipalName (sign-in name), which has to be resolved to an object id before a membership write.</summary>
    UserPrincipalName = 1,
}
