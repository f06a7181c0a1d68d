using System.Text.Json.Nodes;
using Entra.Actions.Catalog.Internal;

namespace Entra.Actions;

/// <summary>
/// Builds the library's results, reports and models with the values a test gives, for hosts that fake
/// <see cref="IEntraActions"/>, <see cref="IEntraQueryActions"/>, <see cref="IEntraBulkActions"/>, <see cref="IEntraActionInvoker"/>
/// or a connection check. What it builds behaves like what the library returns: a failure built here has
/// <see cref="EntraActionResult{T}.Succeeded"/> false and <see cref="EntraActionResult{T}.GetValueOrThrow"/> throws
/// <see cref="EntraActionException"/> with its error; an invocation result writes the same JSON.
/// </summary>
/// <remarks>
/// Lists given are copied, so changing them afterwards does not change what was built. Arguments the built type requires
/// (ids, names, messages) are checked the same way its own constructors check them.
/// </remarks>
public static partial class EntraActionsModelFactory
{
    /// <summary>Builds an <see cref="Entra.Actions.EntraActionError"/> with every detail a failure can carry.</summary>
    /// <param name="kind">Why the action failed.</param>
    /// <param name="message">The readable message.</param>
    /// <param name="graphErrorCode">Graph's error code (for example <c>Request_ResourceNotFound</c>), or <see langword="null"/>.</param>
    /// <param name="statusCode">The HTTP status Graph answered with, or <see langword="null"/>.</param>
    /// <param name="requestId">Graph's request-id, or <see langword="null"/>.</param>
    /// <param name="retryAfter">For <see cref="EntraErrorKind.Throttled"/>: how long Graph asked to wait, or <see langword="null"/>.</param>
    /// <returns>The error.</returns>
    /// <exception cref="ArgumentException"><paramref name="message"/> is <see langword="null"/> or empty.</exception>
    public static EntraActionError EntraActionError(
        EntraErrorKind kind,
        string message,
        string? graphErrorCode = null,
        int? statusCode = null,
        string? requestId = null,
        TimeSpan? retryAfter = null) =>
        new(kind, message)
        {
            GraphErrorCode = graphErrorCode,
            StatusCode = statusCode,
            RequestId = requestId,
            RetryAfter = retryAfter,
        };

    /// <summary>Builds a successful <see cref="EntraActionResult{T}"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static EntraActionResult<T> EntraActionResultSuccess<T>(T value) => EntraActionResult<T>.Success(value);

    /// <summary>Builds a failed <see cref="EntraActionResult{T}"/> that carries <paramref name="error"/>.</summary>
    /// <typeparam name="T">The value type the action would have produced.</typeparam>
    /// <param name="error">The failure.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static EntraActionResult<T> EntraActionResultFailure<T>(EntraActionError error) => EntraActionResult<T>.Failure(error);

    /// <summary>Builds a failed <see cref="EntraActionResult{T}"/> from the error's details.</summary>
    /// <typeparam name="T">The value type the action would have produced.</typeparam>
    /// <param name="kind">Why the action failed.</param>
    /// <param name="message">The readable message.</param>
    /// <param name="graphErrorCode">Graph's error code, or <see langword="null"/>.</param>
    /// <param name="statusCode">The HTTP status Graph answered with, or <see langword="null"/>.</param>
    /// <param name="requestId">Graph's request-id, or <see langword="null"/>.</param>
    /// <param name="retryAfter">For <see cref="EntraErrorKind.Throttled"/>: how long Graph asked to wait, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="message"/> is <see langword="null"/> or empty.</exception>
    public static EntraActionResult<T> EntraActionResultFailure<T>(
        EntraErrorKind kind,
        string message,
        string? graphErrorCode = null,
        int? statusCode = null,
        string? requestId = null,
        TimeSpan? retryAfter = null) =>
        EntraActionResult<T>.Failure(EntraActionError(kind, message, graphErrorCode, statusCode, requestId, retryAfter));

    /// <summary>Builds one item of a <see cref="Entra.Actions.BulkResult{T}"/>.</summary>
    /// <typeparam name="T">The value a successful item produces.</typeparam>
    /// <param name="input">The caller's input (an id or userPrincipalName), as given.</param>
    /// <param name="result">The item's result.</param>
    /// <param name="isDuplicate">Whether an earlier input named the same object, so this item repeats that result.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="result"/> is <see langword="null"/>.</exception>
    public static BulkItem<T> BulkItem<T>(string input, EntraActionResult<T> result, bool isDuplicate = false) =>
        new(input, result, isDuplicate);

    /// <summary>Builds a <see cref="Entra.Actions.BulkResult{T}"/>; its counts are computed from the items, as in a real one.</summary>
    /// <typeparam name="T">The value a successful item produces.</typeparam>
    /// <param name="items">The items in input order; none when <see langword="null"/>.</param>
    /// <param name="callError">The one error that failed the whole call (for example the group could not be read), or <see langword="null"/>.</param>
    /// <param name="isDryRun">Whether the call was a dry run.</param>
    /// <returns>The result.</returns>
    public static BulkResult<T> BulkResult<T>(IEnumerable<BulkItem<T>>? items = null, EntraActionError? callError = null, bool isDryRun = false) =>
        new([.. items ?? []], callError) { IsDryRun = isDryRun };

    /// <summary>Builds a successful <see cref="EntraInvocationResult"/> with the given outputs.</summary>
    /// <param name="actionId">The action's id (for example <c>entra.lookup_user</c>).</param>
    /// <param name="outputs">The outputs; an empty object when <see langword="null"/>. The result keeps a read-only copy.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/> is <see langword="null"/>.</exception>
    public static EntraInvocationResult EntraInvocationResultSuccess(string actionId, JsonObject? outputs = null) =>
        EntraInvocationResult.Success(actionId, outputs ?? []);

    /// <summary>
    /// Builds a successful <see cref="EntraInvocationResult"/> whose outputs are <paramref name="value"/> written the way the
    /// library's own actions write theirs (camelCase names, enums as their names, nulls kept): for example a
    /// <see cref="Entra.Actions.MembershipChange"/> for <c>entra.add_user_to_group</c> or an <see cref="Entra.Actions.EntraUser"/> for
    /// <c>entra.lookup_user</c>.
    /// </summary>
    /// <typeparam name="TValue">The model type.</typeparam>
    /// <param name="actionId">The action's id.</param>
    /// <param name="value">The model the action returned.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/> or <paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="value"/> is not written as a JSON object.</exception>
    public static EntraInvocationResult EntraInvocationResultSuccess<TValue>(string actionId, TValue value)
        where TValue : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return EntraInvocationResult.Success(actionId, ActionJson.ToObject(value));
    }

    /// <summary>Builds a failed <see cref="EntraInvocationResult"/>: no outputs, and <paramref name="error"/>.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="error">The failure.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/> or <paramref name="error"/> is <see langword="null"/>.</exception>
    public static EntraInvocationResult EntraInvocationResultFailure(string actionId, EntraActionError error) =>
        EntraInvocationResult.Failure(actionId, error);

    /// <summary>
    /// Builds what <see cref="EntraConnection.CheckAsync"/> returns. The connection works when <paramref name="error"/> is
    /// <see langword="null"/>.
    /// </summary>
    /// <param name="connectionName">The connection name.</param>
    /// <param name="error">Why the connection does not work, or <see langword="null"/> when it works.</param>
    /// <param name="tenantId">The tenant id, or <see langword="null"/>.</param>
    /// <param name="organizationDisplayName">The organization's display name, or <see langword="null"/>.</param>
    /// <param name="verifiedDomains">The verified domains, default domain first; none when <see langword="null"/>.</param>
    /// <param name="permissionModel">Delegated, application or unknown.</param>
    /// <param name="userPrincipalName">The connected person's userPrincipalName (delegated), or <see langword="null"/>.</param>
    /// <param name="userObjectId">The connected person's object id (delegated), or <see langword="null"/>.</param>
    /// <param name="applicationId">The application (client) id, or <see langword="null"/>.</param>
    /// <param name="grantedPermissions">The permissions the token grants; none when <see langword="null"/>.</param>
    /// <param name="directoryRoleTemplateIds">The connected person's directory role template ids; none when <see langword="null"/>.</param>
    /// <param name="actions">Per action, whether it can run; none when <see langword="null"/>.</param>
    /// <param name="excessPermissions">Granted permissions no action needs; none when <see langword="null"/>.</param>
    /// <param name="warnings">The warnings; none when <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connectionName"/> is <see langword="null"/>.</exception>
    public static EntraConnectionReport EntraConnectionReport(
        string connectionName,
        EntraActionError? error = null,
        string? tenantId = null,
        string? organizationDisplayName = null,
        IEnumerable<string>? verifiedDomains = null,
        EntraPermissionModel permissionModel = EntraPermissionModel.Unknown,
        string? userPrincipalName = null,
        string? userObjectId = null,
        string? applicationId = null,
        IEnumerable<string>? grantedPermissions = null,
        IEnumerable<string>? directoryRoleTemplateIds = null,
        IEnumerable<EntraActionReadiness>? actions = null,
        IEnumerable<string>? excessPermissions = null,
        IEnumerable<EntraConnectionWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(connectionName);
        return new()
        {
            ConnectionName = connectionName,
            Error = error,
            TenantId = tenantId,
            OrganizationDisplayName = organizationDisplayName,
            VerifiedDomains = [.. verifiedDomains ?? []],
            PermissionModel = permissionModel,
            UserPrincipalName = userPrincipalName,
            UserObjectId = userObjectId,
            ApplicationId = applicationId,
            GrantedPermissions = [.. grantedPermissions ?? []],
            DirectoryRoleTemplateIds = [.. directoryRoleTemplateIds ?? []],
            Actions = [.. actions ?? []],
            ExcessPermissions = [.. excessPermissions ?? []],
            Warnings = [.. warnings ?? []],
        };
    }

    /// <summary>
    /// Builds one action's line of an <see cref="Entra.Actions.EntraConnectionReport"/>; it can run when
    /// <paramref name="missingPermissions"/> is empty.
    /// </summary>
    /// <param name="actionId">The action id (for example <c>entra.add_user_to_group</c>).</param>
    /// <param name="displayName">The action's display name; the id when <see langword="null"/>.</param>
    /// <param name="requiredPermissions">The permissions the action needs; none when <see langword="null"/>.</param>
    /// <param name="missingPermissions">The required permissions not granted; none when <see langword="null"/>.</param>
    /// <returns>The readiness.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/> is <see langword="null"/>.</exception>
    public static EntraActionReadiness EntraActionReadiness(
        string actionId,
        string? displayName = null,
        IEnumerable<string>? requiredPermissions = null,
        IEnumerable<string>? missingPermissions = null)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return new()
        {
            ActionId = actionId,
            DisplayName = displayName ?? actionId,
            RequiredPermissions = [.. requiredPermissions ?? []],
            MissingPermissions = [.. missingPermissions ?? []],
        };
    }

    /// <summary>Builds a warning of a connection check.</summary>
    /// <param name="kind">What the warning is about.</param>
    /// <param name="message">The warning, for a person to read.</param>
    /// <returns>The warning.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public static EntraConnectionWarning EntraConnectionWarning(EntraConnectionWarningKind kind, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(kind, message);
    }
}
