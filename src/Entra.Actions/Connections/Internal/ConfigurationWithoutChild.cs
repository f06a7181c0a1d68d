using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// A view of a configuration section that hides some child keys. The main options are bound with
/// <c>ErrorOnUnknownConfiguration</c> (a misspelt key must fail), and the binder reports every child it cannot map:
/// hiding <c>Connections</c> and <c>Connect</c> keeps that check for every other key while the named connections and the
/// connect flow's options live under the same section.
/// Reads, the reload token and every other child go to the section itself, so reloads still work.
/// </summary>
internal sealed class ConfigurationWithoutChild : IConfiguration
{
    private readonly IConfiguration _inner;
    private readonly string[] _hidden;

    public ConfigurationWithoutChild(IConfiguration inner, params string[] hidden)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(hidden);
        _inner = inner;
        _hidden = hidden;
    }

    public string? this[string key]
    {
        get => _inner[key];
        set => _inner[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() =>
        _inner.GetChildren().Where(child => !_hidden.Contains(child.Key, StringComparer.OrdinalIgnoreCase));

    public IChangeToken GetReloadToken() => _inner.GetReloadToken();

    public IConfigurationSection GetSection(string key) => _inner.GetSection(key);
}
