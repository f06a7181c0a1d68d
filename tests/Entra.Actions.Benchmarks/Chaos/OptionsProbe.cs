using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// The text the library makes of options that hold a client secret: <c>ToString()</c> and the validation failure a bad
/// configuration gives on first use (no request is made: validation fails first).
/// </summary>
internal static class OptionsProbe
{
    public static void Run(TelemetryCapture capture, Secrets secrets)
    {
        var secret = secrets.Add("client secret (options)", "chaosOptionsSecret~" + Guid.NewGuid().ToString("N"));
        capture.Add("options", new EntraActionsOptions { ClientId = Guid.NewGuid().ToString(), ClientSecret = secret, TenantId = "contoso.com" }.ToString());
        capture.Add("options", new EntraConnectOptions { ClientId = Guid.NewGuid().ToString(), ClientSecret = secret }.ToString());

        // Two credentials at once is refused: the message must name the settings, never the secret's value.
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        services.AddEntraActions(o =>
        {
            o.ClientId = Guid.NewGuid().ToString();
            o.ClientSecret = secret;
            o.UseManagedIdentity = true;
        });
        using var provider = services.BuildServiceProvider();
        try
        {
            capture.Add("result", provider.GetRequiredService<IEntraActions>().ToString());
        }
        catch (Exception exception)
        {
            capture.AddException(exception);
        }
    }
}
