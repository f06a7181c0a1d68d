using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>
/// The services of the backend: the connect flow and connection factory of Entra.Actions, the token store (in memory, or Redis
/// with the Data Protection key ring beside it so any node reads what another stored), antiforgery, and the sample's own stores.
/// </summary>
internal static class BackendServices
{
    /// <summary>The Data Protection application name every node shares, so they unprotect each other's tokens and cookies.</summary>
    private const string ApplicationName = "Entra.Actions.Samples.ActionBuilder";

    private const string RedisPrefix = "entra-actions-builder:";

    public static void Add(WebApplicationBuilder builder, BackendSettings settings)
    {
        var services = builder.Services;

        // Request lines carry the OAuth callback's code in their query; the hosting and HTTP client logs that print them stay quiet.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (settings.RedisConnectionString is { } redis)
        {
            // The container creates the connection and so disposes it: a stopped node leaves no Redis connection open.
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                // A Redis that is briefly away at start-up is retried in the background instead of failing the app.
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
            services.AddStackExchangeRedisCache(o => o.InstanceName = RedisPrefix);
            services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((o, sp) =>
                o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()));
            services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
                o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), RedisPrefix + "data-protection-keys"));
        }
        else
        {
            services.AddDistributedMemoryCache();
            dataProtection.UseEphemeralDataProtectionProvider();
        }

        if (settings.IsEmulated)
        {
            services.AddEntraConnectFlow(o =>
            {
                o.AuthorityHost = settings.EmulatorRoot!;
                o.TenantId = Emulator.DemoTenant.TenantId;
                o.ClientId = EmulatedEntra.ClientId;
                o.RedirectUri = settings.RedirectUri;
                o.GraphBaseUrl = settings.GraphBaseUrl;
            });
        }
        else
        {
            services.AddEntraConnectFlow(builder.Configuration, "EntraConnect");
            services.PostConfigure<EntraConnectOptions>(o => o.RedirectUri ??= settings.RedirectUri);
        }

        services.PostConfigure<EntraConnectOptions>(o =>
        {
            // The admin picks the (service) account to connect, and the least privilege the actions need plus User.Read, so the
            // check can show the organization's name and domains; EntraConnect:Scopes and :Prompt override both.
            o.Prompt ??= "select_account";
            o.Scopes ??= [.. EntraConnectOptions.DefaultScopes, "User.Read"];
        });

        // Refresh tokens are encrypted with Data Protection and kept in the distributed cache (memory, or Redis for every node).
        services.AddEntraDistributedTokenStore();
        services.AddEntraConnections();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = Endpoints.AntiforgeryHeader;
            o.Cookie.Name = "eab.antiforgery";
        });
        services.AddSingleton(settings);
        services.AddSingleton<EntraActionCatalog>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<SignInBinding>();
        services.AddSingleton<Connections>();
    }
}
