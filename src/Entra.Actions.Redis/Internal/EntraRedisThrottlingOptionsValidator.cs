using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Entra.Actions.Redis.Internal;

/// <summary>Checks <see cref="EntraRedisThrottlingOptions"/> at start-up, with a message that says what to fix.</summary>
internal sealed class EntraRedisThrottlingOptionsValidator : IValidateOptions<EntraRedisThrottlingOptions>
{
    public ValidateOptionsResult Validate(string? name, EntraRedisThrottlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("EntraRedisThrottlingOptions.ConnectionString is required: the StackExchange.Redis connection string of the Redis the nodes share (for example 'redis1:6379').");
        }
        else
        {
            try
            {
                if (ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Count == 0)
                {
                    failures.Add("EntraRedisThrottlingOptions.ConnectionString names no Redis endpoint (host:port).");
                }
            }
            catch (ArgumentException exception)
            {
                // The parser's message names the bad option, never the password.
                failures.Add($"EntraRedisThrottlingOptions.ConnectionString is not a valid StackExchange.Redis connection string: {exception.Message}");
            }
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            failures.Add($"EntraRedisThrottlingOptions.KeyPrefix must be non-empty and hold no whitespace (default '{EntraRedisThrottlingOptions.DefaultKeyPrefix}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
