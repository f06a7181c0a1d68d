namespace Entra.Actions.Emulator;

/// <summary>How the emulator writes the <c>Retry-After</c> header of a throttled response.</summary>
public enum RetryAfterFormat
{
    /// <summary>Whole seconds of Graph time, rounded up, at least 1 (what the Graph SDK's retry handler can parse). Under a <see cref="ThrottlingOptions.TimeScale"/> other than 1 the value is then compressed, so it can have decimals.</summary>
    WholeSeconds = 0,

    /// <summary>Seconds with three decimals, for example <c>2.128</c>, as Graph sometimes sends (the SDK falls back to its own delay).</summary>
    FractionalSeconds = 1,
}
