namespace Entra.Actions;

/// <summary>What an <see cref="IEntraWritePolicy"/> decided.</summary>
public sealed class EntraWriteDecision
{
    private EntraWriteDecision(bool isAllowed, string? reason)
    {
        IsAllowed = isAllowed;
        Reason = reason;
    }

    /// <summary>The change may be made (as far as this policy is concerned).</summary>
    public static EntraWriteDecision Allow { get; } = new(true, null);

    /// <summary>Whether the change may be made.</summary>
    public bool IsAllowed { get; }

    /// <summary>Why the change was refused (shown in the <see cref="EntraErrorKind.PolicyDenied"/> message and the audit event); <see langword="null"/> when allowed.</summary>
    public string? Reason { get; }

    /// <summary>Refuses the change.</summary>
    /// <param name="reason">Why, in a sentence an admin reads in the flow's run history (for example "only HR may change Finance groups").</param>
    /// <returns>The denial.</returns>
    public static EntraWriteDecision Deny(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, reason);
    }

    /// <inheritdoc />
    public override string ToString() => IsAllowed ? "Allow" : $"Deny: {Reason}";
}
