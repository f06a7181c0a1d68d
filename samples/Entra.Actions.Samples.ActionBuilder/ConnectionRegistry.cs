using StackExchange.Redis;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>
/// The names of the connections admins made, so the page can list them. With Redis it is one Redis set that every node adds to
/// and removes from atomically (SADD/SREM); without Redis it lives in this process, like the in-memory token store. The tokens
/// themselves are in the connect flow's token store, which stays the authority on whether a connection exists.
/// </summary>
internal sealed class ConnectionRegistry
{
    private const string Key = "entra-actions-builder:connections";
    private readonly IConnectionMultiplexer? _redis;
    private readonly HashSet<string> _local = new(StringComparer.OrdinalIgnoreCase);

    public ConnectionRegistry(IServiceProvider services)
    {
        _redis = services.GetService(typeof(IConnectionMultiplexer)) as IConnectionMultiplexer;
    }

    public async Task<IReadOnlyList<string>> NamesAsync()
    {
        if (_redis is not null)
        {
            var members = await _redis.GetDatabase().SetMembersAsync(Key).ConfigureAwait(false);
            return [.. members.Select(m => m.ToString()).Order(StringComparer.OrdinalIgnoreCase)];
        }

        lock (_local)
        {
            return [.. _local.Order(StringComparer.OrdinalIgnoreCase)];
        }
    }

    public async Task AddAsync(string name)
    {
        if (_redis is not null)
        {
            await _redis.GetDatabase().SetAddAsync(Key, name.ToLowerInvariant()).ConfigureAwait(false);
            return;
        }

        lock (_local)
        {
            _local.Add(name.ToLowerInvariant());
        }
    }

    public async Task RemoveAsync(string name)
    {
        if (_redis is not null)
        {
            await _redis.GetDatabase().SetRemoveAsync(Key, name.ToLowerInvariant()).ConfigureAwait(false);
            return;
        }

        lock (_local)
        {
            _local.Remove(name.ToLowerInvariant());
        }
    }
}
