using System.Collections.ObjectModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Entra.Actions.Graph;

/// <summary>
/// <see cref="IEntraDirectory"/> over the Graph SDK. Every failure, whatever the SDK throws, comes back as a
/// failed result through <see cref="GraphErrorMapper"/>; only the caller's cancellation escapes.
/// </summary>
internal sealed class GraphEntraDirectory : IEntraDirectory
{
    // The default $select lists live with the property-name rules (PropertyNameValidator); selecting them also lowers the RU cost (graph-contract.md §5).
    private static readonly IReadOnlyList<string> UserProperties = PropertyNameValidator.DefaultUserProperties;
    private static readonly IReadOnlyList<string> GroupProperties = PropertyNameValidator.DefaultGroupProperties;
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    private readonly GraphClientProvider _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphEntraDirectory> _logger;

    public GraphEntraDirectory(GraphClientProvider clients, TimeProvider time, ILogger<GraphEntraDirectory> logger)
    {
        _clients = clients;
        _time = time;
        _logger = logger;
    }

    public async Task<EntraActionResult<EntraUser>> GetUserAsync(string userId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(additionalProperties);
        try
        {
            var select = Select(UserProperties, additionalProperties);
            var user = await _clients.GetClient().Users[userId]
                .GetAsync(request => request.QueryParameters.Select = select, cancellationToken)
                .ConfigureAwait(false);
            if (user?.Id is null)
            {
                return Malformed<EntraUser>("user");
            }

            return EntraActionResult.Success(new EntraUser
            {
                Id = user.Id,
                DisplayName = user.DisplayName,
                GivenName = user.GivenName,
                Surname = user.Surname,
                Mail = user.Mail,
                UserPrincipalName = user.UserPrincipalName,
                JobTitle = user.JobTitle,
                AdditionalProperties = await ExtractAsync(user, additionalProperties, cancellationToken).ConfigureAwait(false),
            });
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            return EntraActionResult.Failure<EntraUser>(Fail(exception));
        }
    }

    public async Task<EntraActionResult<EntraGroup>> GetGroupAsync(string groupId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        ArgumentNullException.ThrowIfNull(additionalProperties);
        try
        {
            var select = Select(GroupProperties, additionalProperties);
            var group = await _clients.GetClient().Groups[groupId]
                .GetAsync(request => request.QueryParameters.Select = select, cancellationToken)
                .ConfigureAwait(false);
            if (group?.Id is null)
            {
                return Malformed<EntraGroup>("group");
            }

            return EntraActionResult.Success(new EntraGroup
            {
                Id = group.Id,
                DisplayName = group.DisplayName,
                Description = group.Description,
                Mail = group.Mail,
                MailNickname = group.MailNickname,
                MailEnabled = group.MailEnabled ?? false,
                SecurityEnabled = group.SecurityEnabled ?? false,
                GroupTypes = group.GroupTypes is { } types ? types.AsReadOnly() : [],
                Visibility = group.Visibility,
                CreatedDateTime = group.CreatedDateTime,
                IsAssignableToRole = group.IsAssignableToRole ?? false,
                OnPremisesSyncEnabled = group.OnPremisesSyncEnabled,
                MembershipRule = group.MembershipRule,
                AdditionalProperties = await ExtractAsync(group, additionalProperties, cancellationToken).ConfigureAwait(false),
            });
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            return EntraActionResult.Failure<EntraGroup>(Fail(exception));
        }
    }

    public async Task<EntraActionResult<MembershipOutcome>> AddGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        ArgumentNullException.ThrowIfNull(memberId);
        try
        {
            // graph-contract.md §1.3: POST /groups/{id}/members/$ref with {"@odata.id": ".../directoryObjects/{id}"}.
            var reference = new ReferenceCreate { OdataId = $"{_clients.BaseUrl}/directoryObjects/{memberId}" };
            await _clients.GetClient().Groups[groupId].Members.Ref.PostAsync(reference, cancellationToken: cancellationToken).ConfigureAwait(false);
            return EntraActionResult.Success(MembershipOutcome.Added);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            var error = Fail(exception);
            return GraphErrorMapper.IsAlreadyMember(error)
                ? EntraActionResult.Success(MembershipOutcome.AlreadyMember)
                : EntraActionResult.Failure<MembershipOutcome>(error);
        }
    }

    public async Task<EntraActionResult<MembershipOutcome>> RemoveGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        ArgumentNullException.ThrowIfNull(memberId);
        try
        {
            // Always the reference: DELETE .../members/{id} without /$ref deletes the object itself (graph-contract.md §1.5).
            await _clients.GetClient().Groups[groupId].Members[memberId].Ref.DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return EntraActionResult.Success(MembershipOutcome.Removed);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            var error = Fail(exception);
            return GraphErrorMapper.IsNotFound(error)
                ? EntraActionResult.Success(MembershipOutcome.NotAMember)
                : EntraActionResult.Failure<MembershipOutcome>(error);
        }
    }

    internal static string[] Select(IReadOnlyList<string> defaults, IReadOnlyCollection<string> additional)
    {
        if (additional.Count == 0)
        {
            return [.. defaults];
        }

        var names = new List<string>(defaults);
        foreach (var name in additional)
        {
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>
    /// The requested extra properties as JSON, taken from the SDK model written back with every value (not only
    /// changed ones: a deserialized model has none). Absent properties are reported as JSON null.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, JsonElement>> ExtractAsync<T>(T model, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
        where T : IParsable
    {
        if (names.Count == 0)
        {
            return EmptyProperties.Instance;
        }

        var json = await KiotaJsonSerializer.SerializeAsStringAsync(model, serializeOnlyChangedValues: false, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        var values = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            values[name] = FindProperty(document.RootElement, name) is { } value ? value.Clone() : NullElement;
        }

        return new ReadOnlyDictionary<string, JsonElement>(values);
    }

    private static JsonElement? FindProperty(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static EntraActionResult<T> Malformed<T>(string what) =>
        EntraActionResult.Failure<T>(new EntraActionError(EntraErrorKind.ServiceError, $"Graph answered without a {what} object (no id in the response body)."));

    private EntraActionError Fail(Exception exception)
    {
        var error = GraphErrorMapper.Map(exception, _time);
        if (error.StatusCode is null)
        {
            // No HTTP answer (transport, timeout, credential, unreadable body): keep the exception for diagnosis.
            Log.GraphCallFailed(_logger, exception, exception.GetType().Name, error.Kind);
        }

        return error;
    }
}
