namespace Entra.Actions.Graph.Internal;

/// <summary>
/// An answer that came from a host other than Graph's (a primary handler followed a redirect): its body is not Graph's and is
/// never read.
/// </summary>
internal sealed class ForeignAnswerException : HttpRequestException
{
    public ForeignAnswerException(string message)
        : base(message)
    {
    }
}
