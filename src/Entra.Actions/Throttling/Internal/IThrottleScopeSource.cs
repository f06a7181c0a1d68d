namespace Entra.Actions.Throttling.Internal;

/// <summary>Says which of Graph's budgets a connection's requests draw on: the one of its latest token.</summary>
internal interface IThrottleScopeSource
{
    /// <summary>The budget of the latest token; <see langword="null"/> before the first token, or when it names no tenant and application.</summary>
    EntraThrottleScope? ThrottleScope { get; }
}
