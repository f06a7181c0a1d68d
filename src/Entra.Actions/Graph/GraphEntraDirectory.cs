using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Entra.Actions.Graph;

/// <summary>
/// <see cref="IEntraDirectory"/> over the Graph SDK. Every failure, whatever the SDK throws, comes back as a
/// failed result through <see cref="GraphErrorMapper"/>; only the caller's cancellation escapes.
/// </summary>
internal sealed partial class GraphEntraDirectory : IEntraDirectory, IEntraBulkDirectory, IGroupKindReader
{
    // Every property the models carry is one of Graph's defaults (graph-contract.md §2), so a plain GET returns them all
    // and costs the same 1 RU as a $select (§5: the floor is 1). $select is sent only with extra properties, and then it
    // must name the defaults too, because it replaces the default set. The lists live with the property-name rules.
    private static readonly IReadOnlyList<string> UserProperties = PropertyNameValidator.DefaultUserProperties;
    private static readonly IReadOnlyList<string> GroupProperties = PropertyNameValidator.DefaultGroupProperties;
    private static readonly string[] DefaultUserSelect = [.. PropertyNameValidator.DefaultUserProperties];
    private static readonly string[] DefaultGroupSelect = [.. PropertyNameValidator.DefaultGroupProperties];
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    private readonly GraphClientProvider _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphEntraDirectory> _logger;

    private readonly GroupKindCache _groups;

    private readonly Http.WritePacer _pacer;

    public GraphEntraDirectory(GraphClientProvider clients, TimeProvider time, IOptions<EntraActionsOptions> options, Http.WritePacer pacer, ILogger<GraphEntraDirectory> logger)
    {
        _pacer = pacer;
        _clients = clients;
        _time = time;
        _logger = logger;
        _groups = new GroupKindCache(time, options.Value.GroupCacheDuration);
    }

    public async Task<EntraActionResult<EntraGroup>> GetGroupForMembershipChangeAsync(string groupId, CancellationToken cancellationToken)
    {
        if (_groups.TryGet(groupId, out var cached))
        {
            return EntraActionResult.Success(cached);
        }

        var read = await GetGroupAsync(groupId, [], cancellationToken).ConfigureAwait(false);
        if (read.Succeeded)
        {
            _groups.Set(read.Value);
        }

        return read;
    }

    public void ForgetGroup(string groupId) => _groups.Remove(groupId);

    public Task<EntraActionResult<EntraUser>> GetUserAsync(string userId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default)
    {
        // The seam is public: ids are checked here too, by the same validator, so no caller can build a request from a raw id.
        if (!EntraIdValidator.TryValidateUserId(userId, EntraIdValidator.UserIdInput, out var user, out var invalid)
            || !PropertyNameValidator.TryValidateUserProperties(additionalProperties, out var extra, out invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<EntraUser>(invalid));
        }

        return CallAsync(
            async client =>
            {
                var found = await client.Users[user.Value]
                    .GetAsync(extra.Count == 0 ? null : request => request.QueryParameters.Select = Select(UserProperties, extra), cancellationToken)
                    .ConfigureAwait(false);
                return found?.Id is null
                    ? Malformed<EntraUser>("user")
                    : EntraActionResult.Success(await ToEntraUserAsync(found, extra, cancellationToken).ConfigureAwait(false));
            },
            recover: null,
            cancellationToken);
    }

    public Task<EntraActionResult<EntraGroup>> GetGroupAsync(string groupId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default)
    {
        if (!EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out var id, out var invalid)
            || !PropertyNameValidator.TryValidateGroupProperties(additionalProperties, out var extra, out invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<EntraGroup>(invalid));
        }

        return CallAsync(
            async client =>
            {
                var group = await client.Groups[id]
                    .GetAsync(extra.Count == 0 ? null : request => request.QueryParameters.Select = Select(GroupProperties, extra), cancellationToken)
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
                    AdditionalProperties = await ExtractAsync(group, extra, cancellationToken).ConfigureAwait(false),
                });
            },
            recover: null,
            cancellationToken);
    }

    public Task<EntraActionResult<MembershipOutcome>> AddGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default)
    {
        if (!TryValidateMembership(groupId, memberId, out var group, out var member, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<MembershipOutcome>(invalid));
        }

        return CallAsync(
            async client =>
            {
                // graph-contract.md §1.3: POST /groups/{id}/members/$ref with {"@odata.id": ".../directoryObjects/{id}"}.
                var reference = new ReferenceCreate { OdataId = $"{_clients.BaseUrl}/directoryObjects/{member}" };
                await client.Groups[group].Members.Ref.PostAsync(reference, cancellationToken: cancellationToken).ConfigureAwait(false);
                return EntraActionResult.Success(MembershipOutcome.Added);
            },
            recover: error => GraphErrorMapper.IsAlreadyMember(error) ? EntraActionResult.Success(MembershipOutcome.AlreadyMember) : null,
            cancellationToken);
    }

    public Task<EntraActionResult<MembershipOutcome>> RemoveGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default)
    {
        if (!TryValidateMembership(groupId, memberId, out var group, out var member, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<MembershipOutcome>(invalid));
        }

        return CallAsync(
            async client =>
            {
                // Always the reference: DELETE .../members/{id} without /$ref deletes the object itself (graph-contract.md §1.5).
                await client.Groups[group].Members[member].Ref.DeleteAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                return EntraActionResult.Success(MembershipOutcome.Removed);
            },
            recover: error => GraphErrorMapper.IsNotFound(error) ? EntraActionResult.Success(MembershipOutcome.NotAMember) : null,
            cancellationToken);
    }

    private static bool TryValidateMembership(
        string groupId,
        string memberId,
        [NotNullWhen(true)] out string? group,
        [NotNullWhen(true)] out string? member,
        [NotNullWhen(false)] out EntraActionError? invalid)
    {
        member = null;
        return EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out group, out invalid)
            && EntraIdValidator.TryValidateObjectId(memberId, EntraIdValidator.MemberIdInput, out member, out invalid);
    }

    /// <summary>
    /// Runs one Graph call. Any failure becomes a failed result through <see cref="GraphErrorMapper"/> (optionally
    /// recovered into an idempotent success); when the caller has cancelled, cancellation is thrown whatever the SDK threw.
    /// </summary>
    private async Task<EntraActionResult<T>> CallAsync<T>(
        Func<GraphServiceClient, Task<EntraActionResult<T>>> call,
        Func<EntraActionError, EntraActionResult<T>?>? recover,
        CancellationToken cancellationToken)
    {
        try
        {
            return await call(_clients.GetClient()).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var error = Fail(exception);
            return recover?.Invoke(error) ?? EntraActionResult.Failure<T>(error);
        }
    }

    private static async Task<EntraUser> ToEntraUserAsync(User user, IReadOnlyCollection<string> extra, CancellationToken cancellationToken) => new()
    {
        Id = user.Id!,
        DisplayName = user.DisplayName,
        GivenName = user.GivenName,
        Surname = user.Surname,
        Mail = user.Mail,
        UserPrincipalName = user.UserPrincipalName,
        JobTitle = user.JobTitle,
        AdditionalProperties = await ExtractAsync(user, extra, cancellationToken).ConfigureAwait(false),
    };

    internal static string[] Select(IReadOnlyList<string> defaults, IReadOnlyCollection<string> additional)
    {
        if (additional.Count == 0)
        {
            // The SDK only reads the array; the shared default arrays save an allocation per call.
            return ReferenceEquals(defaults, UserProperties) ? DefaultUserSelect : ReferenceEquals(defaults, GroupProperties) ? DefaultGroupSelect : [.. defaults];
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

    /// <summary>
    /// The requested extra properties as JSON, taken from the SDK model written back with every value (not only
    /// changed ones: a deserialized model has none). Absent properties are reported as JSON null.
    /// </summary>
    private static Task<IReadOnlyDictionary<string, JsonElement>> ExtractAsync<T>(T model, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
        where T : IParsable =>
        names.Count == 0 ? NoExtras : ExtractCoreAsync(model, names, cancellationToken);

    private static readonly Task<IReadOnlyDictionary<string, JsonElement>> NoExtras = Task.FromResult(EmptyProperties.Instance);

    private static async Task<IReadOnlyDictionary<string, JsonElement>> ExtractCoreAsync<T>(T model, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
        where T : IParsable
    {
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
