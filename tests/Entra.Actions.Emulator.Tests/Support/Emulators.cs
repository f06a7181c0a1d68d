using Azure.Core;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace Entra.Actions.Emulator.Tests.Support;

public static class Emulators
{
    /// <summary>A demo-tenant emulator without throttling (tests that are not about throttling stay deterministic).</summary>
    public static GraphEmulator Demo()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        return emulator;
    }

    public static GraphServiceClient Graph(HttpMessageHandler handler, string baseUrl, TokenCredential credential)
    {
        var host = new Uri(baseUrl).Host;
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [host], scopes: ["https://graph.microsoft.com/.default"]);
        return new GraphServiceClient(new HttpClient(handler), auth, baseUrl);
    }

    public static GraphServiceClient Graph(GraphEmulator emulator, TokenCredential? credential = null) =>
        Graph(emulator.CreateHandler(), GraphEmulator.InProcessBaseUrl, credential ?? EmulatorCredential.ForApplication(Api.ReadWrite));

    public static string Ref(string id) => $"https://graph.microsoft.com/v1.0/directoryObjects/{id}";
}
