using Entra.Actions.Http.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// Builds each connection as its own service provider with <c>AddEntraActions</c>: the same code path as a single-tenant host, so a
/// connection gets every service (options, credential, Graph client, throttle gate, write pacer, group cache) and nothing that holds
/// tenant data or tokens is shared. Only the logger factory, the clock and the socket handler (stateless, see
/// <see cref="GraphHttpPipeline.CreatePrimaryHandler"/>) come from the factory. A connection idle for
/// <see cref="EntraConnectionFactoryOptions.IdleTimeout"/> drops its provider (<see cref="IdleSweeper"/>) and builds it again with the
/// same recipe on its next call (<see cref="ConnectionLifetime"/>).
/// </summary>
internal sealed class EntraConnectionFactory : IEntraConnectionFactory, IAsyncDisposable, IDisposable
{
    private readonly EntraConnectionFactoryOptions _options;
    private readonly IConfigurationSection? _configuration;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, EntraConnection> _connections = new(ConnectionName.Comparer);
    private readonly Lock _gate = new();
    private readonly Lazy<SocketsHttpHandler> _sharedHandler = new(GraphHttpPipeline.CreatePrimaryHandler);
    private readonly IdleSweeper? _sweeper;
    private readonly IEntraAuditSink[] _auditSinks;
    private readonly IEntraWritePolicy[] _writePolicies;
    private readonly EntraWritePolicyOptions? _registrationPolicy;
    private readonly SharedThrottle? _sharedThrottle;
    private bool _disposed;

    public EntraConnectionFactory(
        IOptions<EntraConnectionFactoryOptions> options,
        IEnumerable<ConnectionsConfiguration> configuration,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null,
        IEnumerable<IEntraAuditSink>? auditSinks = null,
        IEnumerable<IEntraWritePolicy>? writePolicies = null,
        IOptions<EntraActionsOptions>? registration = null,
        SharedThrottle? sharedThrottle = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _options = options.Value;
        _configuration = configuration.LastOrDefault()?.Section;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
        _logger = _loggerFactory.CreateLogger("Entra.Actions.Connections");
        _sweeper = IdleSweeper.Create(_options.IdleTimeout, _time, _logger);
        _auditSinks = [.. auditSinks ?? []];
        _writePolicies = [.. writePolicies ?? []];
        _registrationPolicy = registration?.Value.Policy;
        _sharedThrottle = sharedThrottle;
    }

    public IReadOnlyCollection<string> ConfiguredConnectionNames =>
        _configuration is null ? [] : [.. _configuration.GetChildren().Select(child => child.Key)];

    public EntraConnection GetConnection(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connections.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var section = FindSection(name);
            if (section is null)
            {
                var configured = ConfiguredConnectionNames;
                var where = _configuration?.Path ?? $"{EntraActionsOptions.DefaultSectionName}:{EntraConnectionFactoryOptions.ConnectionsSectionName}";
                throw new InvalidOperationException(
                    $"No Entra connection is named '{name}'. " +
                    (configured.Count == 0 ? $"No connections are configured under {where}. " : $"Connections configured under {where}: {string.Join(", ", configured)}. ") +
                    $"Add the section {where}:{name}, or create it with {nameof(IEntraConnectionFactory.GetOrCreateConnection)}(name, configure).");
            }

            return Add(name, section.Path, services => services
                .AddOptions<EntraActionsOptions>()
                .Bind(section, binder => binder.ErrorOnUnknownConfiguration = true));
        }
    }

    public EntraConnection GetOrCreateConnection(string name, Action<EntraActionsOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _connections.TryGetValue(name, out var existing)
                ? existing
                : Add(name, null, services => services.AddOptions<EntraActionsOptions>().Configure(configure));
        }
    }

    public async ValueTask<bool> RemoveConnectionAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        EntraConnection? removed;
        lock (_gate)
        {
            _connections.Remove(name, out removed);
        }

        if (removed is null)
        {
            return false;
        }

        await removed.DisposeAsync().ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in TakeAll())
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _sweeper?.Dispose();
        DisposeSharedHandler();
    }

    public void Dispose()
    {
        foreach (var connection in TakeAll())
        {
            connection.Dispose();
        }

        _sweeper?.Dispose();
        DisposeSharedHandler();
    }

    /// <summary>Builds and caches a connection; called under the lock. <paramref name="sectionPath"/> is set for a configured connection.</summary>
    private EntraConnection Add(string name, string? sectionPath, Action<IServiceCollection> addOptions)
    {
        var first = BuildServices(name, sectionPath, addOptions);
        var lifetime = new ConnectionLifetime(name, first, () => BuildServices(name, sectionPath, addOptions), _time, _sweeper);
        var connection = new EntraConnection(lifetime, Evict);
        _connections.Add(name, connection);
        Log.ConnectionCreated(_logger, name);
        return connection;
    }

    /// <summary>
    /// Builds a connection's services and validates its options, naming the connection in any failure: when the connection is
    /// created, and again on its first call after an idle drop (with the same hooks, so the same services).
    /// </summary>
    private ServiceProvider BuildServices(string name, string? sectionPath, Action<IServiceCollection> addOptions)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        var services = new ServiceCollection();
        services.AddSingleton(_loggerFactory);
        services.AddSingleton(_time);
        services.AddSingleton<IEntraConnectionFactory>(this);
        services.AddSingleton(new CurrentConnection(name));
        // The host's audit sinks and write policies hold for every connection; ConfigureServices can add more to one.
        // Each instance as it is (two policies of one type are two rules); AddEntraActions below then skips its own log sink
        // when the host's is among them.
        foreach (var sink in _auditSinks)
        {
            services.AddSingleton(sink);
        }

        foreach (var policy in _writePolicies)
        {
            services.AddSingleton(policy);
        }

        if (_sharedThrottle is not null)
        {
            // Graph's budget is the tenant's and the app's, not the connection's: what the host shares, every connection shares.
            services.AddSingleton(_sharedThrottle);
        }

        addOptions(services);
        if (_options.ConfigureOptions is { } configureOptions)
        {
            services.PostConfigure<EntraActionsOptions>(options => configureOptions(name, options));
        }

        // The registration's write policy (EntraActions:Policy) holds for every connection; a connection can only tighten it.
        services.PostConfigure<EntraActionsOptions>(options => PolicyFloor.Apply(options.Policy ??= new EntraWritePolicyOptions(), _registrationPolicy));

        // AddEntraActions only adds a configure step of its own; the options come from addOptions above.
        var builder = services.AddEntraActions(static _ => { });
        // The shared socket handler renews its connections itself (PooledConnectionLifetime), so rotating the handler chain adds
        // nothing, and the rotation timers would keep a removed connection's services alive until they had run. A host that
        // sets a lifetime in ConfigureHttpClient gets rotation back, and its removed connections go once the lifetime and
        // IHttpClientFactory's cleanup have passed.
        builder.ConfigurePrimaryHttpMessageHandler(() => new SharedPrimaryHandler(_sharedHandler.Value))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _options.ConfigureHttpClient?.Invoke(name, builder);
        _options.ConfigureServices?.Invoke(name, services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            // Fail here, naming the connection, rather than on the connection's first call.
            _ = provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value;
            return provider;
        }
        catch (OptionsValidationException exception)
        {
            provider.Dispose();
            throw new OptionsValidationException(name, typeof(EntraActionsOptions), [.. exception.Failures.Select(failure => Describe(name, sectionPath, failure))]);
        }
        catch (InvalidOperationException exception)
        {
            // The binder's unknown-key error (a misspelt setting in the connection's section).
            provider.Dispose();
            throw new InvalidOperationException($"Entra connection '{name}'{(sectionPath is null ? string.Empty : $" ({sectionPath})")}: {exception.Message}", exception);
        }
    }

    /// <summary>The configured section named <paramref name="name"/> under the connection-name rule; two that fold together are refused.</summary>
    private IConfigurationSection? FindSection(string name)
    {
        var matches = _configuration?.GetChildren().Where(child => ConnectionName.Comparer.Equals(child.Key, name)).Take(2).ToList() ?? [];
        return matches switch
        {
            [] => null,
            [var only] => only,
            _ => throw new InvalidOperationException(
                $"The Entra connections '{matches[0].Key}' and '{matches[1].Key}' under {_configuration!.Path} are one connection name (names compare ignoring case and Unicode compatibility forms). Rename one."),
        };
    }

    /// <summary>Forgets a connection its holder disposed, unless the name already maps to a newer instance.</summary>
    private void Evict(EntraConnection connection)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connection.Name, out var current) && ReferenceEquals(current, connection))
            {
                _connections.Remove(connection.Name);
            }
        }
    }

    /// <summary>The validator names settings as <c>EntraActions:Setting</c>; for a configured connection that becomes its own path.</summary>
    private static string Describe(string name, string? sectionPath, string failure) =>
        sectionPath is not null && failure.StartsWith(EntraActionsOptions.DefaultSectionName + ":", StringComparison.Ordinal)
            ? sectionPath + failure[EntraActionsOptions.DefaultSectionName.Length..]
            : $"Entra connection '{name}': {failure}";

    /// <summary>Refuses new connections and takes the existing ones, newest build first (see <see cref="DroppedBuild"/> for why).</summary>
    private List<EntraConnection> TakeAll()
    {
        List<EntraConnection> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _connections.Values];
            _connections.Clear();
        }

        return [.. all.OrderByDescending(connection => connection.BuildOrder)];
    }

    private void DisposeSharedHandler()
    {
        if (_sharedHandler.IsValueCreated)
        {
            _sharedHandler.Value.Dispose();
        }
    }
}
