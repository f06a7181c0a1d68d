using Entra.Actions.Emulator;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>The emulator as this sample uses it: the demo tenant "Contoso", a dedicated service account and the app's registration.</summary>
public static class EmulatedEntra
{
    /// <summary>The app registration's client id in the emulated tenant.</summary>
    public const string ClientId = "8b6e0c2d-4f1a-4e7b-9c3d-0c0de0ab1d01";

    /// <summary>The dedicated service account an admin connects with (added to the demo tenant).</summary>
    public const string ServiceAccountUpn = "svc-flows@contoso.com";

    /// <summary>The service account's object id.</summary>
    public const string ServiceAccountId = "c0de0003-7a1b-4c2d-8e3f-0c0de0f10a02";

    /// <summary>The demo tenant plus the service account.</summary>
    /// <returns>A new emulator.</returns>
    public static GraphEmulator CreateEmulator()
    {
        var emulator = new GraphEmulator();
        emulator.Directory.AddUser(new EmulatedUser
        {
            Id = Guid.Parse(ServiceAccountId),
            DisplayName = "Flow Service Account",
            UserPrincipalName = ServiceAccountUpn,
            JobTitle = "Service account for Contoso Flows",
        });
        return emulator;
    }

    /// <summary>Registers the app with this node's redirect URI, keeping those of other nodes on the same emulator.</summary>
    internal static void RegisterApp(GraphEmulator emulator, BackendSettings settings)
    {
        var known = emulator.Authority.Clients.FirstOrDefault(c => c.ClientId == ClientId)?.RedirectUris ?? [];
        emulator.Authority.RegisterClient(ClientId, [.. known.Union([settings.RedirectUri.ToString()], StringComparer.Ordinal)]);
    }
}
