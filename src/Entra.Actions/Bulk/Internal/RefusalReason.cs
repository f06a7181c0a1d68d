namespace Entra.Actions.Bulk.Internal;

/// <summary>Why Graph refused an atomic write of members as a whole.</summary>
internal enum RefusalKind
{
    /// <summary>Any other failure: it concerns the whole write, not one of its members.</summary>
    Other = 0,

    /// <summary>One of the members is already in the group (400 <c>Request_BadRequest</c> "... already exist").</summary>
    AlreadyMember = 1,

    /// <summary>One of the objects is missing, a member or the group itself (404 <c>Request_ResourceNotFound</c>).</summary>
    MissingObject = 2,
}

/// <summary>The one place on the engine's side that reads a refused write's error; nothing else inspects codes or messages.</summary>
internal static class RefusalReason
{
    private const string BadRequest = "Request_BadRequest";
    private const string ResourceNotFound = "Request_ResourceNotFound";

    /// <summary>Classifies the error of a write Graph refused whole.</summary>
    public static RefusalKind Classify(EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is { StatusCode: 400, GraphErrorCode: BadRequest } && error.Message.Contains("already exist", StringComparison.OrdinalIgnoreCase))
        {
            return RefusalKind.AlreadyMember;
        }

        return error is { StatusCode: 404, GraphErrorCode: ResourceNotFound } ? RefusalKind.MissingObject : RefusalKind.Other;
    }
}
