namespace Entra.Actions.Actions.Internal;

/// <summary>
/// Rewrites the directory's failures into messages that name the id the caller gave and, for 403s, the permission
/// to grant. The status, Graph code, request-id and Retry-After are kept, so support tickets still have them.
/// </summary>
internal static class ActionMessages
{
    /// <summary>The delegated-role hint every membership write shares.</summary>
    public const string WriteForbiddenHint =
        "the connection needs GroupMember.ReadWrite.All, and a delegated account also needs a directory role that can manage group members (Groups Administrator, User Administrator, Directory Writers, ...) or to own the group";

    /// <summary>Describes a failed read of a user or group.</summary>
    /// <param name="error">The directory's error.</param>
    /// <param name="subject">The object, for example <c>User 'adele@contoso.com'</c>.</param>
    /// <param name="permission">The permission that grants the read, for the 403 message.</param>
    /// <returns>The error with a readable message.</returns>
    public static EntraActionError ForRead(EntraActionError error, string subject, string permission) =>
        error with
        {
            Message = error.Kind switch
            {
                EntraErrorKind.NotFound => $"{subject} was not found.",
                EntraErrorKind.Forbidden => $"{subject} could not be read: the connection lacks permission; it needs {permission}.",
                _ => $"{subject} could not be read: {error.Message}",
            },
        };

    /// <summary>Describes a failed membership write.</summary>
    /// <param name="error">The directory's error.</param>
    /// <param name="operation">What was attempted, for example <c>Adding user 'u' to group 'g'</c>.</param>
    /// <param name="notFoundMessage">The message for a 404 (which object is missing depends on the operation).</param>
    /// <returns>The error with a readable message.</returns>
    public static EntraActionError ForWrite(EntraActionError error, string operation, string notFoundMessage) =>
        error with
        {
            Message = error.Kind switch
            {
                EntraErrorKind.NotFound => notFoundMessage,
                EntraErrorKind.Forbidden => $"{operation} was refused: {WriteForbiddenHint}.",
                _ => $"{operation} failed: {error.Message}",
            },
        };
}
