using System.Globalization;

namespace Entra.Actions.Redis.Internal;

/// <summary>
/// The Lua scripts that change a throttle key atomically on the Redis server, with Redis's own clock (<c>TIME</c>), so the
/// nodes' clocks never meet. Write pacing keeps the in-process pacer's state in one hash and follows its rules: measure
/// from the moment the bucket is known to be empty, space writes at the measured rate (probe up after a success, back off
/// after a throttle), forget it all once the quota's window passes without a throttled write (the hash's expiry).
/// </summary>
internal static class RedisThrottleScripts
{
    /// <summary>How long a write pace is kept without a throttled write: Graph's write quota window.</summary>
    public static readonly TimeSpan QuietReset = TimeSpan.FromSeconds(150);

    // A new measurement replaces whatever the hash held and lives for one quiet period unless a throttle renews it.
    private static readonly string Start = string.Create(CultureInfo.InvariantCulture, $$"""
        local function start(now)
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'since', string.format('%.0f', now), 'succ', 0)
          redis.call('PEXPIRE', KEYS[1], {{(long)QuietReset.TotalMilliseconds}})
        end

        """);

    // The pacer's constants, the same as the in-process one's.
    private const double Probe = 1.001;
    private const double Backoff = 0.9;
    private const double MinimumRatePerSecond = 1;
    private const long MinimumMeasurementMicroseconds = 50_000;

    // Once the bucket is found empty and before a rate is measured, new writes wait this long (as the in-process pacer's StartHold).
    private const long StartHoldMicroseconds = 100_000;

    /// <summary>KEYS[1] pause key; ARGV[1] delay in ms. Sets the pause only when it outlasts the one recorded. Returns 1 when set.</summary>
    public const string Pause = """
        local delay = tonumber(ARGV[1])
        if delay > redis.call('PTTL', KEYS[1]) then
          redis.call('SET', KEYS[1], '1', 'PX', delay)
          return 1
        end
        return 0
        """;

    /// <summary>
    /// KEYS[1] writes hash; ARGV[1] writes; ARGV[2] longest wait in µs. Returns the wait in µs before the writes may go (0
    /// before the bucket is known empty; up to the start hold after that until a rate is measured) and moves the next slot
    /// on by the writes at the rate.
    /// </summary>
    public static readonly string Reserve = Now + string.Create(CultureInfo.InvariantCulture, $$"""
        local rate = tonumber(redis.call('HGET', KEYS[1], 'rate'))
        local now = now_us()
        local max_wait = tonumber(ARGV[2])
        if not rate then
          local since = tonumber(redis.call('HGET', KEYS[1], 'since'))
          if not since then
            return 0
          end
          return math.max(0, math.min(since + {{StartHoldMicroseconds}} - now, max_wait))
        end
        local slot = tonumber(redis.call('HGET', KEYS[1], 'next')) or now
        if slot < now then
          slot = now
        end
        if slot - now > max_wait then
          slot = now + max_wait
        end
        redis.call('HSET', KEYS[1], 'next', string.format('%.0f', slot + tonumber(ARGV[1]) / rate * 1000000))
        return math.floor(slot - now)
        """);

    /// <summary>
    /// KEYS[1] writes hash; ARGV[1] writes accepted; ARGV[2] writes throttled. A throttle starts the measurement (the bucket
    /// is empty now) or slows the pace, and keeps the hash for another quiet period; successes after the start measure the
    /// refill rate. Returns 1 when the rate changed.
    /// </summary>
    public static readonly string Record = Now + Start + string.Create(CultureInfo.InvariantCulture, $$"""
        local succeeded = tonumber(ARGV[1])
        local throttled = tonumber(ARGV[2])
        local now = now_us()
        local since = tonumber(redis.call('HGET', KEYS[1], 'since'))
        if not since then
          if throttled > 0 then
            start(now)
          end
          return 0
        end
        if throttled > 0 then
          redis.call('PEXPIRE', KEYS[1], {{(long)QuietReset.TotalMilliseconds}})
        end
        local successes = redis.call('HINCRBY', KEYS[1], 'succ', succeeded)
        local elapsed = now - since
        if elapsed < {{MinimumMeasurementMicroseconds}} or successes == 0 then
          return 0
        end
        local measured = successes / (elapsed / 1000000)
        local rate = tonumber(redis.call('HGET', KEYS[1], 'rate'))
        if throttled > 0 then
          rate = math.min(rate or math.huge, measured) * {{Backoff}}
        else
          rate = math.max(rate or 0, measured) * {{Probe}}
        end
        if rate < {{MinimumRatePerSecond}} then
          rate = {{MinimumRatePerSecond}}
        end
        redis.call('HSET', KEYS[1], 'rate', string.format('%.17g', rate))
        return 1
        """);

    /// <summary>KEYS[1] writes hash. The quota is used up: the bucket is empty now, so measuring starts unless it already has. Returns 1 when it started.</summary>
    public static readonly string QuotaUsedUp = Now + Start + """
        if redis.call('HEXISTS', KEYS[1], 'since') == 1 then
          return 0
        end
        start(now_us())
        return 1
        """;

    private const string Now = """
        local function now_us()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000000 + tonumber(t[2])
        end

        """;
}
