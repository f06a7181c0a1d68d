using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>
/// The names of the connections admins made, kept in the distributed cache (memory, or Redis for every node). The tokens
/// themselves are in the connect flow's token store; this list only lets the page show connections without knowing their names.
/// </summary>
internal sealed class ConnectionRegistry : IDisposable
{
    private const string Key = "connections";
    private readonly IDistributedCache _cache;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ConnectionRegistry(IDistributedCache cache)
    {
        _cache = cache;
    }

    public void Dispose() => _gate.Dispose();

    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken)
    {
        var stored = await _cache.GetAsync(Key, cancellationToken).ConfigureAwait(false);
        return stored is null ? [] : JsonSerializer.Deserialize<List<string>>(stored) ?? [];
    }

    public Task AddAsync(string name, CancellationToken cancellationToken) =>
        UpdateAsync(names => names.Contains(name, StringComparer.OrdinalIgnoreCase) ? names : [.. names, name], cancellationToken);

    public Task RemoveAsync(string name, CancellationToken cancellationToken) =>
        UpdateAsync(names => [.. names.Where(n => !string.Equals(n, name, StringComparison.OrdinalIgnoreCase))], cancellationToken);

    // Serialized within a node; two nodes changing the list in the same instant can lose one change, which the page heals on
    // its next refresh because a connection whose tokens exist is re-added when it is read (see Connections.DescribeAsync).
    private async Task UpdateAsync(Func<List<string>, List<string>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var names = (await NamesAsync(cancellationToken).ConfigureAwait(false)).ToList();
            var updated = change(names);
            await _cache.SetAsync(Key, JsonSerializer.SerializeToUtf8Bytes(updated), new DistributedCacheEntryOptions(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
