using Microsoft.Extensions.Options;

namespace Entra.Actions.Health.Internal;

/// <summary>Validates every named <see cref="EntraHealthCheckOptions"/> (one per health check registration).</summary>
internal sealed class EntraHealthCheckOptionsValidator : IValidateOptions<EntraHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, EntraHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = string.IsNullOrEmpty(name) ? "the Entra health check" : $"the Entra health check '{name}'";
        var failures = new List<string>();
        if (options.DegradedLatencyThreshold <= TimeSpan.Zero)
        {
            failures.Add($"DegradedLatencyThreshold of {check} must be positive (it was {options.DegradedLatencyThreshold}).");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > EntraHealthCheckOptions.MaxTimeout)
        {
            failures.Add($"Timeout of {check} must be positive and at most {EntraHealthCheckOptions.MaxTimeout} (it was {options.Timeout}).");
        }
        else if (options.DegradedLatencyThreshold > options.Timeout)
        {
            failures.Add($"DegradedLatencyThreshold of {check} ({options.DegradedLatencyThreshold}) must not be longer than its Timeout ({options.Timeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
