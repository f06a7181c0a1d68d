namespace Entra.Actions.Emulator;

/// <summary>
/// Directory throttling: a resource-unit (RU) token bucket and a write bucket per application and tenant.
/// </summary>
/// <remarks>Read on every request, so a test may change values between requests (not concurrently with them).</remarks>
public sealed class ThrottlingOptions
{
    /// <summary>Gets or sets a value indicating whether requests are throttled. Defaults to <see langword="true"/>.
    /// <c>x-ms-resource-unit</c> is sent either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the RU quota per <see cref="ResourceUnitWindow"/>. Defaults to <see langword="null"/>: by tenant size as in Graph
    /// (fewer than 50 users: 3,500; 50 to 500: 5,000; more: 8,000). A request that costs more than the quota is let through when the
    /// bucket is full and leaves it in debt (later requests wait until it refills), so small test quotas never throttle a route forever.</summary>
    public int? ResourceUnitQuota { get; set; }

    /// <summary>Gets or sets the RU window. Defaults to 10 seconds.</summary>
    public TimeSpan ResourceUnitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the write quota per <see cref="WriteWindow"/>. Defaults to 3,000.</summary>
    public int WriteQuota { get; set; } = 3000;

    /// <summary>Gets or sets the write window. Defaults to 150 seconds (2 min 30 s).</summary>
    public TimeSpan WriteWindow { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>Gets or sets how much faster than real time the windows pass (100 makes a 10 s window last 100 ms and
    /// scales <c>Retry-After</c> accordingly). Defaults to 1.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Gets or sets the <c>Retry-After</c> format. Defaults to <see cref="RetryAfterFormat.WholeSeconds"/>.</summary>
    public RetryAfterFormat RetryAfterFormat { get; set; } = RetryAfterFormat.WholeSeconds;
}
