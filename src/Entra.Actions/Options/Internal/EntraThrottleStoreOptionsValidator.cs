using Microsoft.Extensions.Options;

namespace Entra.Actions.Options.Internal;

/// <summary>Validates <see cref="EntraThrottleStoreOptions"/> at start-up.</summary>
internal sealed class EntraThrottleStoreOptionsValidator : IValidateOptions<EntraThrottleStoreOptions>
{
    private static readonly TimeSpan MaxRetryInterval = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, EntraThrottleStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.OperationTimeout < TimeSpan.FromMilliseconds(1) || options.OperationTimeout > EntraThrottleStoreOptions.MaxOperationTimeout)
        {
            failures.Add($"{nameof(EntraThrottleStoreOptions)}.{nameof(EntraThrottleStoreOptions.OperationTimeout)} must be between 1 ms and {EntraThrottleStoreOptions.MaxOperationTimeout.TotalSeconds:0} s (it is {options.OperationTimeout}): every request waits up to this long for the shared store.");
        }

        if (options.RetryInterval < options.OperationTimeout || options.RetryInterval > MaxRetryInterval)
        {
            failures.Add($"{nameof(EntraThrottleStoreOptions)}.{nameof(EntraThrottleStoreOptions.RetryInterval)} must be between {nameof(EntraThrottleStoreOptions.OperationTimeout)} ({options.OperationTimeout}) and {MaxRetryInterval.TotalMinutes:0} minutes (it is {options.RetryInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
