using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Entra.Actions.Tests;

/// <summary>Ids, groups, errors and action factories shared by the action tests.</summary>
internal static class TestData
{
    public const string UserId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";
    public const string UserIdUpper = "87D349ED-44D7-43E1-9A83-5F2406DEE5BD";
    public const string GroupId = "02bd9fd6-8f93-4758-87c3-1fb73740a315";
    public const string GroupIdUpper = "02BD9FD6-8F93-4758-87C3-1FB73740A315";
    public const string Upn = "AdeleV@contoso.com";
    public const string GuestUpn = "AdeleVance_adatum.com#EXT#@contoso.onmicrosoft.com";
    public const string RequestId = "94fb3b52-452a-4535-a601-69e0a90e3aa2";

    /// <summary>Ids the actions must refuse without a request (each is hostile or malformed).</summary>
    public static TheoryData<string?> HostileIds => new()
    {
        null, string.Empty, " ", ".", "..", "../groups", "a/b@c.com", "$x@y.com", "x@", "@x.com", "a\u0000@b.com", " " + UserId, "{" + UserId + "}",
    };

    public static IOptions<EntraActionsOptions> Options(bool allowRoleAssignableGroups = false) =>
        Microsoft.Extensions.Options.Options.Create(new EntraActionsOptions { AllowRoleAssignableGroups = allowRoleAssignableGroups });

    public static LookupUserAction LookupUser(Mock<IEntraDirectory> directory) =>
        new(directory.Object, Options(), NullLogger<LookupUserAction>.Instance);

    public static LookupGroupAction LookupGroup(Mock<IEntraDirectory> directory) =>
        new(directory.Object, Options(), NullLogger<LookupGroupAction>.Instance);

    public static AddUserToGroupAction AddUserToGroup(Mock<IEntraDirectory> directory, bool allowRoleAssignableGroups = false) =>
        new(directory.Object, Options(allowRoleAssignableGroups), NullLogger<AddUserToGroupAction>.Instance);

    public static RemoveMemberFromGroupAction RemoveMemberFromGroup(Mock<IEntraDirectory> directory, bool allowRoleAssignableGroups = false) =>
        new(directory.Object, Options(allowRoleAssignableGroups), NullLogger<RemoveMemberFromGroupAction>.Instance);

    public static EntraUser User(string id = UserId) => new() { Id = id, DisplayName = "Adele Vance", UserPrincipalName = Upn };

    public static EntraGroup SecurityGroup() => new() { Id = GroupId, DisplayName = "Sec", SecurityEnabled = true };

    /// <summary>A group of the named kind: security, m365, dynamic, mailsecurity, distribution, synced, roleassignable, unknown.</summary>
    public static EntraGroup Group(string kind) => kind switch
    {
        "security" => SecurityGroup(),
        "m365" => new() { Id = GroupId, GroupTypes = ["Unified"], MailEnabled = true, SecurityEnabled = false },
        "m365security" => new() { Id = GroupId, GroupTypes = ["Unified"], MailEnabled = true, SecurityEnabled = true },
        "dynamic" => new() { Id = GroupId, GroupTypes = ["DynamicMembership"], SecurityEnabled = true, MembershipRule = "user.department -eq \"Sales\"" },
        "dynamicm365" => new() { Id = GroupId, GroupTypes = ["Unified", "DynamicMembership"], MailEnabled = true, MembershipRule = "user.country -eq \"NL\"" },
        "mailsecurity" => new() { Id = GroupId, MailEnabled = true, SecurityEnabled = true },
        "distribution" => new() { Id = GroupId, MailEnabled = true, SecurityEnabled = false },
        "synced" => new() { Id = GroupId, SecurityEnabled = true, OnPremisesSyncEnabled = true },
        "roleassignable" => new() { Id = GroupId, SecurityEnabled = true, IsAssignableToRole = true },
        "unknown" => new() { Id = GroupId },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>An error as the Graph directory would return it.</summary>
    public static EntraActionError GraphError(EntraErrorKind kind, int status, string code, TimeSpan? retryAfter = null) =>
        new(kind, $"Graph said {code}.") { StatusCode = status, GraphErrorCode = code, RequestId = RequestId, RetryAfter = retryAfter };

    /// <summary>The error kinds a directory call can fail with, as status and code.</summary>
    public static TheoryData<EntraErrorKind, int, string> DirectoryErrors => new()
    {
        { EntraErrorKind.NotFound, 404, "Request_ResourceNotFound" },
        { EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied" },
        { EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken" },
        { EntraErrorKind.Throttled, 429, "TooManyRequests" },
        { EntraErrorKind.ServiceError, 503, "serviceNotAvailable" },
        { EntraErrorKind.InvalidInput, 400, "Request_BadRequest" },
    };

    public static IReadOnlyCollection<string> NoProperties() =>
        It.Is<IReadOnlyCollection<string>>(p => p.Count == 0);

    public static Mock<IEntraDirectory> Directory() => new();

    public static void SetupGroup(this Mock<IEntraDirectory> directory, EntraGroup group) =>
        directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(group));

    /// <summary>The user read Add makes for every id (a GUID too), answered with a user of that id.</summary>
    public static void SetupUser(this Mock<IEntraDirectory> directory, string userId = UserId) =>
        directory.Setup(d => d.GetUserAsync(userId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(User(userId)));

    /// <summary>A directory call that fails the way a host directory's own timeout does: cancelled, but not by the caller.</summary>
    public static TheoryData<string> UncausedCancellations => new() { nameof(OperationCanceledException), nameof(TaskCanceledException) };

    public static OperationCanceledException Cancellation(string type) => type switch
    {
        nameof(OperationCanceledException) => new OperationCanceledException(new CancellationToken(canceled: true)),
        nameof(TaskCanceledException) => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static void SetupUpn(this Mock<IEntraDirectory> directory, string upn, string resolvedId = UserId) =>
        directory.Setup(d => d.GetUserAsync(upn, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(User(resolvedId)));
}
