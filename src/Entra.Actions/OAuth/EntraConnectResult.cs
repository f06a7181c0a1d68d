using System.Diagnostics.CodeAnalysis;

namespace Entra.Actions;

/// <summary>The outcome of <see cref="IEntraConnectFlow.CompleteConnectAsync(string, string, CancellationToken)"/>: the connected account, or why it failed.</summary>
public sealed class EntraConnectResult
{
    private EntraConnectResult(string? connectionName, EntraConnectedAccount? account, EntraConnectError? error)
    {
        ConnectionName = connectionName;
        Account = account;
        Error = error;
    }

    /// <summary>Gets a value indicating whether the connection is connected.</summary>
    [MemberNotNullWhen(true, nameof(Account))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>Gets the connection the state belonged to, or <see langword="null"/> when the state was unknown.</summary>
    public string? ConnectionName { get; }

    /// <summary>Gets the connected account on success.</summary>
    public EntraConnectedAccount? Account { get; }

    /// <summary>Gets the failure.</summary>
    public EntraConnectError? Error { get; }

    /// <summary>Creates a success.</summary>
    /// <param name="account">The connected account.</param>
    /// <returns>The result.</returns>
    public static EntraConnectResult Success(EntraConnectedAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.ConnectionName, account, null);
    }

    /// <summary>Creates a failure.</summary>
    /// <param name="connectionName">The connection, when known.</param>
    /// <param name="error">The failure.</param>
    /// <returns>The result.</returns>
    public static EntraConnectResult Failure(string? connectionName, EntraConnectError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(connectionName, null, error);
    }

    /// <summary>A summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Succeeded ? $"Connected: {Account}" : $"Connect failed for {ConnectionName ?? "(unknown connection)"}: {Error}";
}
