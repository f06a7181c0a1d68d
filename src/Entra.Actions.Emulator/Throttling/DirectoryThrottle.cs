using System.Globalization;

namespace Entra.Actions.Emulator;

/// <summary>The outcome of charging a request against the buckets.</summary>
/// <param name="Allowed">Whether the request may proceed.</param>
/// <param name="LimitPercentage">The usage of the fuller bucket as a fraction, when above 0.8.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header value when throttled.</param>
/// <param name="Scope">The <c>x-ms-throttle-scope</c> value when throttled.</param>
/// <param name="Information">The <c>x-ms-throttle-information</c> value when throttled.</param>
internal sealed record ThrottleDecision(bool Allowed, double? LimitPercentage, string? RetryAfter, string? Scope, string? Information);

/// <summary>
/// Token buckets per application + tenant. The clock is passed on every charge (the emulator reads
/// <see cref="GraphEmulatorOptions.TimeProvider"/> per request); switching to another clock starts every bucket afresh, because
/// timestamps of different clocks cannot be compared.
/// </summary>
/// <remarks>
/// Debt model: a request is let through whenever its bucket is full, even when it costs more than the whole quota; the bucket then
/// goes negative and the next requests wait until it has refilled. So a quota below the largest route cost throttles, but never forever.
/// </remarks>
internal sealed class DirectoryThrottle
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Bucket Ru, Bucket Write)> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private TimeProvider? _clock;

    public static int TenantQuota(int userCount) => userCount < 50 ? 3500 : userCount <= 500 ? 5000 : 8000;

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    public ThrottleDecision Charge(ThrottlingOptions options, TimeProvider timeProvider, string appId, string tenantId, int userCount, int resourceUnits, bool isWrite)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var scale = options.TimeScale > 0 ? options.TimeScale : 1.0;
        var ruQuota = options.ResourceUnitQuota ?? TenantQuota(userCount);
        var ruWindow = options.ResourceUnitWindow / scale;
        var writeWindow = options.WriteWindow / scale;
        lock (_gate)
        {
            if (!ReferenceEquals(_clock, timeProvider))
            {
                _buckets.Clear();
                _clock = timeProvider;
            }

            var key = $"{appId}/{tenantId}";
            if (!_buckets.TryGetValue(key, out var pair))
            {
                pair = (new Bucket(), new Bucket());
                _buckets[key] = pair;
            }

            var now = timeProvider.GetTimestamp();
            pair.Ru.Refill(ruQuota, ruWindow, now, timeProvider);
            pair.Write.Refill(options.WriteQuota, writeWindow, now, timeProvider);

            if (pair.Ru.Available < resourceUnits && pair.Ru.Available < ruQuota)
            {
                return Throttled(options, pair.Ru.WaitFor(resourceUnits, ruQuota, ruWindow), $"Tenant_Application/ReadWrite/{appId}/{tenantId}", "ResourceUnitLimitExceeded");
            }

            if (isWrite && pair.Write.Available < 1 && pair.Write.Available < options.WriteQuota)
            {
                return Throttled(options, pair.Write.WaitFor(1, options.WriteQuota, writeWindow), $"Tenant_Application/Write/{appId}/{tenantId}", "WriteLimitExceeded");
            }

            pair.Ru.Available -= resourceUnits;
            if (isWrite)
            {
                pair.Write.Available -= 1;
            }

            var usage = Math.Max(1 - (pair.Ru.Available / ruQuota), isWrite ? 1 - (pair.Write.Available / options.WriteQuota) : 0);
            return new ThrottleDecision(true, usage > 0.8 ? Math.Round(Math.Min(usage, 1.8), 2) : null, null, null, null);
        }
    }

    private static ThrottleDecision Throttled(ThrottlingOptions options, TimeSpan wait, string scope, string information)
    {
        // Whole seconds are whole seconds of Graph time: round there, then compress. Rounding after compression would
        // turn Graph's "1" into a full real second, i.e. TimeScale times too long a pause.
        var scale = options.TimeScale > 0 ? options.TimeScale : 1.0;
        var seconds = options.RetryAfterFormat == RetryAfterFormat.FractionalSeconds
            ? Math.Max(0.001, wait.TotalSeconds)
            : Math.Max(1, Math.Ceiling(wait.TotalSeconds * scale)) / scale;
        var retryAfter = seconds.ToString(seconds == Math.Floor(seconds) ? "0" : "0.###", CultureInfo.InvariantCulture);
        return new ThrottleDecision(false, null, retryAfter, scope, information);
    }

    private sealed class Bucket
    {
        private long? _last;

        public double Available { get; set; } = double.NaN;

        public void Refill(int quota, TimeSpan window, long now, TimeProvider time)
        {
            if (_last is null || double.IsNaN(Available))
            {
                Available = quota;
                _last = now;
                return;
            }

            var elapsed = time.GetElapsedTime(_last.Value, now);
            Available = Math.Min(quota, Available + (quota * (elapsed / window)));
            _last = now;
        }

        public TimeSpan WaitFor(double needed, int quota, TimeSpan window) =>
            window * ((Math.Min(needed, quota) - Available) / quota);
    }
}
