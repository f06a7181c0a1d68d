using Entra.Actions.Connections.Internal;

namespace Entra.Actions.Health.Internal;

/// <summary>
/// What the check's access token says (read, not validated; the token itself is not kept): its tenant and how many of the
/// connection's catalog actions its permissions let run. Unknown when the token is not a readable JWT.
/// </summary>
internal sealed class Readiness
{
    private static readonly Readiness Unknown = new(null, null, 0);

    private Readiness(string? tenantId, int? ready, int actions)
    {
        TenantId = tenantId;
        Ready = ready;
        Actions = actions;
    }

    /// <summary>The token's <c>tid</c>, if readable.</summary>
    public string? TenantId { get; }

    /// <summary>How many actions the token's permissions let run, if they could be read.</summary>
    public int? Ready { get; }

    /// <summary>How many actions the connection's catalog has.</summary>
    public int Actions { get; }

    /// <summary>The token's permissions were read and allow none of the actions (for example an app granted nothing).</summary>
    public bool NoneCanRun => Ready == 0 && Actions > 0;

    /// <summary>The token's permissions allow at least one action.</summary>
    public bool SomeCanRun => Ready > 0;

    public static Readiness Of(string? token, IEntraActionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!AccessTokenClaims.TryRead(token, out var claims, out _))
        {
            return Unknown;
        }

        var assessment = ConnectionAssessment.Assess(claims.PermissionModel, claims.Permissions, catalog.Actions, claims.UserPrincipalName);
        return assessment.Actions.Count == 0
            ? new Readiness(claims.TenantId, null, 0)
            : new Readiness(claims.TenantId, assessment.Actions.Count(action => action.CanRun), assessment.Actions.Count);
    }

    public void Describe(HealthOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (Ready is { } ready)
        {
            outcome.Set(HealthOutcome.ReadyActionsKey, ready).Set(HealthOutcome.ActionsKey, Actions);
        }
    }
}
