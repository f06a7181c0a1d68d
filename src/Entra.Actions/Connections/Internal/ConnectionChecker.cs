using Azure.Core;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// Runs the connection check for one connection's services: a token from the connection's own credential for the Graph scope,
/// its claims read (not validated), one <c>GET /organization</c> to prove Graph accepts the token, and the permission assessment.
/// The token is used only here, in memory, and never logged, stored or returned.
/// </summary>
internal sealed class ConnectionChecker
{
    private readonly IEntraCredentialProvider _credentials;
    private readonly string _scope;
    private readonly IOrganizationReader _organization;
    private readonly IEntraActionCatalog _catalog;
    private readonly ILogger<ConnectionChecker> _logger;

    public ConnectionChecker(
        IEntraCredentialProvider credentials,
        IOptions<EntraActionsOptions> options,
        IOrganizationReader organization,
        IEntraActionCatalog catalog,
        ILogger<ConnectionChecker> logger)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(logger);
        _credentials = credentials;
        _scope = options.Value.EffectiveScope;
        _organization = organization;
        _catalog = catalog;
        _logger = logger;
    }

    public async Task<EntraConnectionReport> CheckAsync(string connectionName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionName);
        cancellationToken.ThrowIfCancellationRequested();

        string token;
        try
        {
            var credential = _credentials.GetCredential();
            token = (await credential.GetTokenAsync(new TokenRequestContext([_scope]), cancellationToken).ConfigureAwait(false)).Token;
        }
        catch (Exception exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Log.ConnectionTokenFailed(_logger, exception, connectionName, exception.GetType().Name);
            return Failed(connectionName, new EntraActionError(
                EntraErrorKind.Unauthorized,
                $"Could not get an access token for {_scope} from the connection's credential ({exception.GetType().Name}): {exception.Message}"));
        }

        if (!AccessTokenClaims.TryRead(token, out var claims, out var unreadable))
        {
            return Failed(connectionName, new EntraActionError(EntraErrorKind.Unauthorized, $"The connection's access token cannot be used: {unreadable}"));
        }

        // The connection's own catalog, so the check assesses exactly the actions its invoker runs (a host's own included).
        var assessment = ConnectionAssessment.Assess(claims.PermissionModel, claims.Permissions, _catalog.Actions, claims.UserPrincipalName);
        var warnings = new List<EntraConnectionWarning>(assessment.Warnings);
        EntraActionError? error = null;
        EntraOrganization? organization = null;

        var read = await _organization.GetOrganizationAsync(cancellationToken).ConfigureAwait(false);
        if (read.Succeeded)
        {
            organization = read.Value;
        }
        else if (read.Error.Kind == EntraErrorKind.Forbidden)
        {
            // A 403 means Graph authenticated the token and only refused this read: the connection works.
            warnings.Add(new EntraConnectionWarning(
                EntraConnectionWarningKind.OrganizationNotReadable,
                "The organization's name and verified domains could not be read (Graph answered 403): that needs Organization.Read.All or " +
                "Directory.Read.All (application), or User.Read (delegated). The tenant id comes from the token."));
        }
        else
        {
            error = read.Error;
            Log.ConnectionCheckFailed(_logger, connectionName, error.Kind, error.StatusCode, error.RequestId);
        }

        var report = new EntraConnectionReport
        {
            ConnectionName = connectionName,
            Error = error,
            TenantId = claims.TenantId ?? organization?.Id,
            OrganizationDisplayName = organization?.DisplayName,
            VerifiedDomains = organization?.VerifiedDomains ?? [],
            PermissionModel = claims.PermissionModel,
            UserPrincipalName = claims.UserPrincipalName,
            UserObjectId = claims.PermissionModel == EntraPermissionModel.Delegated ? claims.ObjectId : null,
            ApplicationId = claims.ApplicationId,
            GrantedPermissions = claims.Permissions,
            DirectoryRoleTemplateIds = claims.DirectoryRoleTemplateIds,
            Actions = assessment.Actions,
            ExcessPermissions = assessment.ExcessPermissions,
            Warnings = warnings,
        };
        var ready = assessment.Actions.Count(action => action.CanRun);
        Log.ConnectionChecked(_logger, connectionName, report.PermissionModel, ready, report.Actions.Count, warnings.Count);
        return report;
    }

    private EntraConnectionReport Failed(string connectionName, EntraActionError error)
    {
        Log.ConnectionCheckFailed(_logger, connectionName, error.Kind, error.StatusCode, error.RequestId);
        return new EntraConnectionReport { ConnectionName = connectionName, Error = error };
    }
}
