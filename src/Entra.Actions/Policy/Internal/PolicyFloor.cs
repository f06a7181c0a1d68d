namespace Entra.Actions.Policy.Internal;

/// <summary>
/// The registration's write policy as the floor of every named connection's: a connection may tighten it, never loosen it.
/// Protected groups add up, allowed groups narrow (the registration's list when the connection has none), guests are refused
/// when either refuses them, and the smaller bulk limit holds.
/// </summary>
internal static class PolicyFloor
{
    /// <summary>Tightens <paramref name="connection"/> by <paramref name="registration"/>, in place.</summary>
    /// <param name="connection">The connection's policy.</param>
    /// <param name="registration">The registration's policy.</param>
    public static void Apply(EntraWritePolicyOptions connection, EntraWritePolicyOptions? registration)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (registration is null)
        {
            return;
        }

        var comparer = StringComparer.OrdinalIgnoreCase;
        foreach (var id in registration.ProtectedGroupIds ?? [])
        {
            if (!connection.ProtectedGroupIds.Contains(id, comparer))
            {
                connection.ProtectedGroupIds.Add(id);
            }
        }

        if (registration.AllowedGroupIds is { Count: > 0 } allowed)
        {
            connection.AllowedGroupIds = connection.AllowedGroupIds is { Count: > 0 } own
                ? [.. own.Where(id => allowed.Any(a => comparer.Equals(a?.Trim(), id?.Trim())))]
                : [.. allowed];
            if (connection.AllowedGroupIds.Count == 0)
            {
                // Both lists are set and share no group: nothing may be changed, not everything.
                connection.AllowedGroupIds.Add(Guid.Empty.ToString());
            }
        }

        connection.RefuseGuests |= registration.RefuseGuests;
        connection.MaxBulkItems = Math.Min(connection.MaxBulkItems, registration.MaxBulkItems);
    }
}
