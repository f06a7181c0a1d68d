using Azure.Core;

namespace Entra.Actions;

/// <summary>
/// Supplies the credential every Graph request is authenticated with. The default builds one from
/// <see cref="EntraActionsOptions"/>; hosts register their own (for example a per-connection delegated
/// token from a vault) before or instead of calling <c>AddEntraActions</c>.
/// </summary>
public interface IEntraCredentialProvider
{
    /// <summary>Returns the credential. Called once per client; the result is reused and must be thread-safe.</summary>
    /// <returns>The credential.</returns>
    TokenCredential GetCredential();
}
