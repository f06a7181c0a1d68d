using Entra.Actions.Actions.Internal;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Bulk.Internal;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Credentials.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Http.Internal;
using Entra.Actions.Options.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions;

/// <summary>Registers Entra.Actions with a service collection.</summary>
public static class EntraActionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEntraActions"/>, <see cref="IEntraQueryActions"/>, <see cref="IEntraBulkActions"/>, <see cref="IEntraActionCatalog"/>, <see cref="IEntraActionInvoker"/>, <see cref="IEntraConnectionFactory"/>, the four action classes, the Graph directory, the credential provider
    /// and the named Graph <see cref="HttpClient"/>, with options set by <paramref name="configure"/> and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the Graph <see cref="HttpClient"/>, to add handlers or replace the primary handler (for example with an emulator's).</returns>
    public static IHttpClientBuilder AddEntraActions(this IServiceCollection services, Action<EntraActionsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EntraActionsOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers Entra.Actions with options bound from the configuration section <paramref name="sectionName"/>
    /// (default <c>EntraActions</c>) of <paramref name="configuration"/>, validated at start-up. Named connections under
    /// <c>{sectionName}:Connections:{name}</c> are not part of these options; <see cref="IEntraConnectionFactory.GetConnection"/> binds them.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root (or any configuration that contains the section).</param>
    /// <param name="sectionName">The section to bind; default <see cref="EntraActionsOptions.DefaultSectionName"/>.</param>
    /// <returns>The builder of the Graph <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddEntraActions(this IServiceCollection services, IConfiguration configuration, string sectionName = EntraActionsOptions.DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        // A misspelt key (ClientSecert) must not silently fall back to another credential: unknown keys fail at start-up.
        // The named connections (sectionName:Connections:{name}) are not options of this connection and are bound by the
        // connection factory; the connect flow's options (EntraActions:Connect by default) are bound by AddEntraConnectFlow.
        var section = configuration.GetSection(sectionName);
        services.AddOptions<EntraActionsOptions>().Bind(
            new ConfigurationWithoutChild(section, EntraConnectionFactoryOptions.ConnectionsSectionName, ConnectSectionKey),
            binder => binder.ErrorOnUnknownConfiguration = true);
        EntraConnectionsServiceCollectionExtensions.AddConnectionsConfiguration(services, section);
        return AddCore(services);
    }

    private const string ConnectSectionKey = "Connect";

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<EntraActionsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraActionsOptions>, EntraActionsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEntraCredentialProvider, OptionsCredentialProvider>();
        services.TryAddSingleton(CurrentConnection.Unnamed);
        services.TryAddSingleton<TokenIdentity>();
        services.TryAddSingleton<WriteGuard>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEntraAuditSink, LogAuditSink>());
        services.TryAddSingleton<GraphTransport>();
        services.TryAddSingleton<GraphCaller>();
        services.TryAddSingleton<GraphBatchClient>();
        services.TryAddSingleton<ThrottleGate>();
        services.TryAddSingleton<WritePacer>();
        SharedThrottle.TryAdd(services);
        services.TryAddSingleton(sp => new ThrottleCoordinator(
            sp.GetRequiredService<ThrottleGate>(), sp.GetRequiredService<WritePacer>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SharedThrottle>(), sp.GetRequiredService<TokenIdentity>()));
        services.TryAddSingleton<GraphEntraDirectory>();
        services.TryAddSingleton<IEntraDirectory>(sp => sp.GetRequiredService<GraphEntraDirectory>());
        services.TryAddSingleton<IEntraBulkDirectory>(sp => sp.GetRequiredService<GraphEntraDirectory>());
        services.TryAddSingleton(sp => new LookupUserAction(
            sp.GetRequiredService<IEntraDirectory>(), sp.GetRequiredService<IOptions<EntraActionsOptions>>(),
            sp.GetRequiredService<ILogger<LookupUserAction>>(), sp.GetRequiredService<CurrentConnection>()));
        services.TryAddSingleton(sp => new LookupGroupAction(
            sp.GetRequiredService<IEntraDirectory>(), sp.GetRequiredService<IOptions<EntraActionsOptions>>(),
            sp.GetRequiredService<ILogger<LookupGroupAction>>(), sp.GetRequiredService<CurrentConnection>()));
        // Built here: the constructors that take the write guard and the audit trail are internal.
        services.TryAddSingleton(sp => new AddUserToGroupAction(
            sp.GetRequiredService<IEntraDirectory>(), sp.GetRequiredService<IOptions<EntraActionsOptions>>(), sp.GetRequiredService<WriteGuard>(),
            sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<ILogger<AddUserToGroupAction>>()));
        services.TryAddSingleton(sp => new RemoveMemberFromGroupAction(
            sp.GetRequiredService<IEntraDirectory>(), sp.GetRequiredService<IOptions<EntraActionsOptions>>(), sp.GetRequiredService<WriteGuard>(),
            sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<ILogger<RemoveMemberFromGroupAction>>()));
        services.TryAddSingleton<IEntraQueryDirectory, GraphQueryReader>();
        services.TryAddSingleton(sp => new SearchUsersAction(
            sp.GetRequiredService<IEntraQueryDirectory>(), sp.GetRequiredService<ILogger<SearchUsersAction>>(), sp.GetRequiredService<CurrentConnection>()));
        services.TryAddSingleton(sp => new FindGroupAction(
            sp.GetRequiredService<IEntraQueryDirectory>(), sp.GetRequiredService<ILogger<FindGroupAction>>(), sp.GetRequiredService<CurrentConnection>()));
        services.TryAddSingleton(sp => new ListGroupMembersAction(
            sp.GetRequiredService<IEntraQueryDirectory>(), sp.GetRequiredService<ILogger<ListGroupMembersAction>>(), sp.GetRequiredService<CurrentConnection>()));
        services.TryAddSingleton(sp => new CheckMembershipAction(
            sp.GetRequiredService<IEntraQueryDirectory>(), sp.GetRequiredService<ILogger<CheckMembershipAction>>(), sp.GetRequiredService<CurrentConnection>()));
        services.TryAddSingleton(sp => new ListUserGroupsAction(
            sp.GetRequiredService<IEntraQueryDirectory>(), sp.GetRequiredService<ILogger<ListUserGroupsAction>>(), sp.GetRequiredService<CurrentConnection>()));
        services.TryAddSingleton<IEntraQueryActions>(sp => new QueryActions(
            sp.GetRequiredService<SearchUsersAction>(), sp.GetRequiredService<FindGroupAction>(), sp.GetRequiredService<ListGroupMembersAction>(),
            sp.GetRequiredService<CheckMembershipAction>(), sp.GetRequiredService<ListUserGroupsAction>()));
        services.TryAddSingleton<IEntraActions, EntraActions>();
        services.TryAddSingleton<IEntraBulkActions, EntraBulkActions>();
        services.TryAddSingleton<IEntraActionCatalog, EntraActionCatalog>();
        services.TryAddSingleton<IEntraActionInvoker>(sp => new EntraActionInvoker(
            sp.GetRequiredService<IEntraActionCatalog>(), sp.GetRequiredService<IEntraActions>(), sp.GetRequiredService<IEntraBulkActions>(),
            sp.GetRequiredService<IEntraQueryActions>(), sp.GetRequiredService<ILogger<EntraActionInvoker>>()));
        services.TryAddSingleton<IOrganizationReader, GraphOrganizationReader>();
        services.TryAddSingleton<ConnectionChecker>();
        EntraConnectionsServiceCollectionExtensions.AddFactory(services);

        // Calling AddEntraActions twice must not stack a second retry handler into the pipeline.
        if (services.Any(d => d.ServiceType == typeof(PipelineMarker)))
        {
            return services.AddHttpClient(GraphHttpPipeline.HttpClientName);
        }

        services.AddSingleton<PipelineMarker>();
        return GraphHttpPipeline.AddGraphHttpClient(services);
    }

    /// <summary>
    /// Shares Graph's throttling across processes through <paramref name="store"/>: a <c>Retry-After</c> answer seen by any
    /// node pauses every node's requests for that tenant and application (and user, for delegated tokens), and writes from
    /// all nodes are paced together once the write quota is known to be used up. Applies to the registration's own
    /// connection and to every connection of <see cref="IEntraConnectionFactory"/>. When the store fails or is slow, each
    /// connection throttles on its own (see <see cref="IEntraThrottleStore"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="store">Creates the store (once, from the host's services).</param>
    /// <param name="configure">Sets how long a store call may take and how long to throttle locally after a failure; optional.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEntraThrottleStore(this IServiceCollection services, Func<IServiceProvider, IEntraThrottleStore> store, Action<EntraThrottleStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.RemoveAll<IEntraThrottleStore>();
        services.AddSingleton(store);
        var options = services.AddOptions<EntraThrottleStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraThrottleStoreOptions>, EntraThrottleStoreOptionsValidator>());
        return services;
    }

    private sealed class PipelineMarker;
}
