using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Azure.Core;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>
/// The backend's connections: Entra.Actions' connect flow holds each one's tokens, its connection factory the actions bound to
/// them. Every read asks the token store first, so a connection removed on another node is gone here too.
/// </summary>
internal sealed class Connections
{
    /// <summary>How the API writes library objects: camelCase, enums as names.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private const string Gone = "";

    private readonly IEntraConnectFlow _flow;
    private readonly IEntraConnectionFactory _factory;
    private readonly ConnectionRegistry _registry;
    private readonly BackendSettings _settings;
    private readonly TimeProvider _time;

    // Per connection, which connect this node's cached access token may come from. Another node can disconnect and reconnect it
    // (another account) without this node knowing, and the flow keeps the access token it holds until that token expires.
    private readonly ConcurrentDictionary<string, string> _seenConnects = new(StringComparer.OrdinalIgnoreCase);

    public Connections(IEntraConnectFlow flow, IEntraConnectionFactory factory, ConnectionRegistry registry, BackendSettings settings, TimeProvider time)
    {
        _flow = flow;
        _factory = factory;
        _registry = registry;
        _settings = settings;
        _time = time;
    }

    /// <summary>Connection names: 1 to 64 letters, digits, '-', '_' or '.' (they appear in URLs and store keys).</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name is not ("." or "..");

    public Task<EntraConnectStart> BeginAsync(string name, CancellationToken cancellationToken) =>
        _flow.BeginConnectAsync(name, loginHint: null, cancellationToken);

    public async Task<EntraConnectResult> CompleteAsync(Uri callback, CancellationToken cancellationToken)
    {
        var result = await _flow.CompleteConnectAsync(callback, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            // A reconnect replaces the tokens; the cached connection is rebuilt so it uses them.
            await _factory.RemoveConnectionAsync(result.ConnectionName!).ConfigureAwait(false);
            _seenConnects[result.ConnectionName!] = ConnectOf(result.Account!);
            await _registry.AddAsync(result.ConnectionName!).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Every connection whose tokens exist, with its account. A listed name whose tokens are gone (refused by Entra) is skipped, not edited: a GET changes nothing.</summary>
    public async Task<JsonArray> ListAsync(CancellationToken cancellationToken)
    {
        var list = new JsonArray();
        foreach (var name in await _registry.NamesAsync().ConfigureAwait(false))
        {
            if (await AccountAsync(name, cancellationToken).ConfigureAwait(false) is { } account)
            {
                list.Add(Describe(account));
            }
        }

        return list;
    }

    /// <summary>The connected account, or <see langword="null"/> when the connection does not exist (on any node).</summary>
    public async Task<EntraConnectedAccount?> AccountAsync(string name, CancellationToken cancellationToken)
    {
        var account = await _flow.GetConnectionAsync(name, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            await _factory.RemoveConnectionAsync(name).ConfigureAwait(false);
            if (_seenConnects.ContainsKey(name))
            {
                _seenConnects[name] = Gone; // only names this node used: a probe for any name must not grow the map
            }

            return null;
        }

        var connect = ConnectOf(account);
        if (_seenConnects.TryGetValue(name, out var seen) && seen != connect)
        {
            // Disconnected or reconnected on another node since this node last used it: its cached access token may belong to
            // the previous account, so a claims challenge (a token issued from now on) makes the flow refresh with the stored one.
            await _factory.RemoveConnectionAsync(name).ConfigureAwait(false);
            var issuedFrom = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + issuedFrom + "\"}}}";
            await _flow.GetCredential(name).GetTokenAsync(new TokenRequestContext([], claims: claims), cancellationToken).ConfigureAwait(false);
        }

        _seenConnects[name] = connect;
        return account;
    }

    /// <summary>The actions bound to a connected account's credential.</summary>
    public EntraConnection Connection(string name) => _factory.GetOrCreateConnection(name, o =>
    {
        // EntraActions:* (write policy, retries, timeouts ...) applies to every connection; the credential is the connected account's.
        _settings.ActionsSection.Bind(o);
        o.GraphBaseUrl = _settings.GraphBaseUrl;
        o.Credential = _flow.GetCredential(name);
    });

    public async Task<bool> DisconnectAsync(string name, CancellationToken cancellationToken)
    {
        var removed = await _flow.DisconnectAsync(name, cancellationToken).ConfigureAwait(false);
        await _factory.RemoveConnectionAsync(name).ConfigureAwait(false);
        await _registry.RemoveAsync(name).ConfigureAwait(false);
        _seenConnects.TryRemove(name, out _);
        return removed;
    }

    private static string ConnectOf(EntraConnectedAccount account) => $"{account.ObjectId}@{account.ConnectedOn.UtcTicks}";

    public static JsonObject Describe(EntraConnectedAccount account) => new()
    {
        ["name"] = account.ConnectionName,
        ["connected"] = true,
        ["userPrincipalName"] = account.UserPrincipalName,
        ["displayName"] = account.DisplayName,
        ["tenantId"] = account.TenantId,
        ["scopes"] = new JsonArray([.. account.Scopes.Select(s => (JsonNode)s)]),
        ["connectedOn"] = account.ConnectedOn,
    };
}
