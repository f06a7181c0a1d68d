namespace Entra.Actions.Emulator;

/// <summary>A resolved request: its handler and what it costs.</summary>
/// <param name="BaseCost">The resource units before query modifiers.</param>
/// <param name="IsWrite">Whether the request also counts against the write quota.</param>
/// <param name="Handler">Produces the response.</param>
/// <param name="AllowAnonymous">Whether no token is needed.</param>
internal sealed record Route(int BaseCost, bool IsWrite, Func<RequestContext, EmulatorResponse> Handler, bool AllowAnonymous = false)
{
    public static Route Fail(Func<RequestContext, EmulatorResponse> handler) => new(1, false, handler);
}
