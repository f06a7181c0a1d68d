using System.Diagnostics.CodeAnalysis;
using Entra.Actions.Http.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Whether a page's <c>@odata.nextLink</c> may be followed: only an absolute link on the configured Graph host. A link to any
/// other host would carry the connection's token (and the caller's query) somewhere else, so it fails the read instead.
/// </summary>
internal static class GraphNextLink
{
    /// <summary>Reads the next link.</summary>
    /// <param name="nextLink">The page's <c>@odata.nextLink</c>.</param>
    /// <param name="transport">The transport, which knows the Graph host.</param>
    /// <param name="next">The link to follow, when it may be followed.</param>
    /// <param name="error">A <see cref="EntraErrorKind.ServiceError"/> when the link points elsewhere.</param>
    /// <returns>Whether the link may be followed.</returns>
    public static bool TryFollow(string nextLink, GraphTransport transport, [NotNullWhen(true)] out Uri? next, [NotNullWhen(false)] out EntraActionError? error)
    {
        if (Uri.TryCreate(nextLink, UriKind.Absolute, out next) && GraphHostGuardHandler.IsGraphHost(next, transport.BaseUri))
        {
            error = null;
            return true;
        }

        next = null;
        error = new EntraActionError(EntraErrorKind.ServiceError, "Graph answered with a next link that is not an absolute URL on the Graph host; it was not followed.");
        return false;
    }
}
