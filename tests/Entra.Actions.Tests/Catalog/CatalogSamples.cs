using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Entra.Actions.Tests.Catalog;

/// <summary>Typed results, valid inputs and an invoker over mocked typed actions, shared by the catalog tests.</summary>
internal static class CatalogSamples
{
    public const string LookupUser = "entra.lookup_user";
    public const string LookupGroup = "entra.lookup_group";
    public const string AddUserToGroup = "entra.add_user_to_group";
    public const string RemoveMemberFromGroup = "entra.remove_member_from_group";
    public const string BulkAdd = "entra.bulk_add_users_to_group";
    public const string BulkRemove = "entra.bulk_remove_members_from_group";
    public const string BulkLookup = "entra.bulk_lookup_users";
    public const string SearchUsers = "entra.search_users";
    public const string FindGroup = "entra.find_group";
    public const string ListGroupMembers = "entra.list_group_members";
    public const string CheckMembership = "entra.check_membership";
    public const string ListUserGroups = "entra.list_user_groups";

    public static readonly string[] QueryIds = [SearchUsers, FindGroup, ListGroupMembers, CheckMembership, ListUserGroups];

    public static readonly string[] AllIds =
        [LookupUser, LookupGroup, AddUserToGroup, RemoveMemberFromGroup, .. QueryIds, BulkAdd, BulkRemove, BulkLookup];

    public static readonly string[] SingleIds = [LookupUser, LookupGroup, AddUserToGroup, RemoveMemberFromGroup];

    public static TheoryData<string> ActionIds => new(AllIds);

    public static TheoryData<string> SingleActionIds => new(SingleIds);

    /// <summary>Every failure kind an action can return, for each single action.</summary>
    public static TheoryData<string, EntraErrorKind> SingleActionFailures
    {
        get
        {
            var data = new TheoryData<string, EntraErrorKind>();
            foreach (var id in SingleIds)
            {
                foreach (var kind in Enum.GetValues<EntraErrorKind>())
                {
                    data.Add(id, kind);
                }
            }

            return data;
        }
    }

    public static EntraUser FullUser() => new()
    {
        Id = TestData.UserId,
        DisplayName = "Adele Vance",
        GivenName = "Adele",
        Surname = "Vance",
        Mail = "AdeleV@contoso.com",
        UserPrincipalName = TestData.Upn,
        JobTitle = "Retail Manager",
        AdditionalProperties = new Dictionary<string, JsonElement>
        {
            ["department"] = JsonDocument.Parse("\"Retail\"").RootElement,
            ["accountEnabled"] = JsonDocument.Parse("true").RootElement,
            ["employeeHireDate"] = JsonDocument.Parse("null").RootElement,
        },
    };

    /// <summary>A user with only its id: every nullable output is null.</summary>
    public static EntraUser SparseUser() => new() { Id = TestData.UserId };

    public static EntraGroup FullGroup() => new()
    {
        Id = TestData.GroupId,
        DisplayName = "Retail",
        Description = "Retail team",
        Mail = "retail@contoso.com",
        MailNickname = "retail",
        MailEnabled = true,
        SecurityEnabled = false,
        GroupTypes = ["Unified", "DynamicMembership"],
        Visibility = "Private",
        CreatedDateTime = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
        IsAssignableToRole = false,
        OnPremisesSyncEnabled = null,
        MembershipRule = "user.department -eq \"Retail\"",
        AdditionalProperties = new Dictionary<string, JsonElement> { ["classification"] = JsonDocument.Parse("\"High\"").RootElement },
    };

    /// <summary>An editable copy of a result's read-only outputs, for reading nested values.</summary>
    public static JsonObject OutputsOf(EntraInvocationResult result) => JsonObject.Create(result.Outputs)!;

    public static MembershipChange Change(MembershipOutcome outcome) => new() { MemberId = TestData.UserId, GroupId = TestData.GroupId, Outcome = outcome };

    public static EntraActionError Error(EntraErrorKind kind) => new(kind, $"Something {kind} happened to '{TestData.UserId}'.")
    {
        StatusCode = kind is EntraErrorKind.InvalidInput or EntraErrorKind.Cancelled ? null : 400 + (int)kind,
        GraphErrorCode = kind is EntraErrorKind.InvalidInput or EntraErrorKind.Cancelled ? null : $"Code_{kind}",
        RequestId = kind is EntraErrorKind.InvalidInput or EntraErrorKind.Cancelled ? null : TestData.RequestId,
        RetryAfter = kind == EntraErrorKind.Throttled ? TimeSpan.FromSeconds(2.128) : null,
    };

    /// <summary>Valid inputs for each action.</summary>
    public static JsonObject Inputs(string actionId) => actionId switch
    {
        LookupUser => new JsonObject { ["userId"] = TestData.Upn },
        LookupGroup => new JsonObject { ["groupId"] = TestData.GroupId },
        AddUserToGroup => new JsonObject { ["userId"] = TestData.Upn, ["groupId"] = TestData.GroupId },
        RemoveMemberFromGroup => new JsonObject { ["memberId"] = TestData.UserId, ["groupId"] = TestData.GroupId },
        BulkAdd => new JsonObject { ["groupId"] = TestData.GroupId, ["userIds"] = new JsonArray(TestData.UserId, TestData.Upn, "..") },
        BulkRemove => new JsonObject { ["groupId"] = TestData.GroupId, ["memberIds"] = new JsonArray(TestData.UserId, "..") },
        BulkLookup => new JsonObject { ["userIds"] = new JsonArray(TestData.UserId, TestData.Upn, "..") },
        SearchUsers => new JsonObject { ["query"] = "Ade" },
        FindGroup => new JsonObject { ["name"] = "Retail" },
        ListGroupMembers => new JsonObject { ["groupId"] = TestData.GroupId },
        CheckMembership => new JsonObject { ["userId"] = TestData.Upn, ["groupId"] = TestData.GroupId },
        ListUserGroups => new JsonObject { ["userId"] = TestData.Upn },
        _ => throw new ArgumentOutOfRangeException(nameof(actionId), actionId, null),
    };

    public static EntraGroupMemberList Members() => new()
    {
        Members =
        [
            new EntraDirectoryObject { Id = TestData.UserId, DisplayName = "Adele Vance", UserPrincipalName = TestData.Upn, Mail = "AdeleV@contoso.com", ObjectType = EntraObjectType.User },
            new EntraDirectoryObject { Id = TestData.GroupId, DisplayName = "Retail", Mail = "retail@contoso.com", ObjectType = EntraObjectType.Group },
        ],
        Truncated = false,
    };

    public static BulkResult<MembershipChange> BulkChanges(MembershipOutcome outcome) => new(
    [
        new BulkItem<MembershipChange>(TestData.UserId, EntraActionResult.Success(Change(outcome))),
        new BulkItem<MembershipChange>(TestData.Upn, EntraActionResult.Success(Change(outcome)), isDuplicate: true),
        new BulkItem<MembershipChange>("..", EntraActionResult.Failure<MembershipChange>(Error(EntraErrorKind.InvalidInput))),
    ]);

    public static BulkResult<EntraUser> BulkUsers() => new(
    [
        new BulkItem<EntraUser>(TestData.UserId, EntraActionResult.Success(FullUser())),
        new BulkItem<EntraUser>(TestData.Upn, EntraActionResult.Success(SparseUser())),
        new BulkItem<EntraUser>("..", EntraActionResult.Failure<EntraUser>(Error(EntraErrorKind.Throttled))),
    ]);

    /// <summary>Mocks (strict: an unexpected call fails the test) and the invoker over them.</summary>
    public sealed class Fixture
    {
        public Mock<IEntraActions> Actions { get; } = new(MockBehavior.Strict);

        public Mock<IEntraBulkActions> Bulk { get; } = new(MockBehavior.Strict);

        public Mock<IEntraQueryActions> Queries { get; } = new(MockBehavior.Strict);

        public EntraActionCatalog Catalog { get; } = new();

        public EntraActionInvoker Invoker => new(Catalog, Actions.Object, Bulk.Object, Queries.Object, NullLogger<EntraActionInvoker>.Instance);

        /// <summary>Makes every action of <paramref name="actionId"/> succeed with a realistic typed result.</summary>
        public void SetUpSuccess(string actionId)
        {
            switch (actionId)
            {
                case LookupUser:
                    Actions.Setup(a => a.LookupUserAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(FullUser()));
                    break;
                case LookupGroup:
                    Actions.Setup(a => a.LookupGroupAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(FullGroup()));
                    break;
                case AddUserToGroup:
                    Actions.Setup(a => a.AddUserToGroupAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<EntraWriteOptions>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(Change(MembershipOutcome.Added)));
                    break;
                case RemoveMemberFromGroup:
                    Actions.Setup(a => a.RemoveMemberFromGroupAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<EntraWriteOptions>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(Change(MembershipOutcome.Removed)));
                    break;
                case BulkAdd:
                    Bulk.Setup(b => b.AddUsersToGroupAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(BulkChanges(MembershipOutcome.Added));
                    break;
                case BulkRemove:
                    Bulk.Setup(b => b.RemoveMembersFromGroupAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(BulkChanges(MembershipOutcome.NotAMember));
                    break;
                case BulkLookup:
                    Bulk.Setup(b => b.LookupUsersAsync(It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(BulkUsers());
                    break;
                case SearchUsers:
                    Queries.Setup(q => q.SearchUsersAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(new EntraUserSearchResult { Users = [FullUser(), SparseUser()], Truncated = true }));
                    break;
                case FindGroup:
                    Queries.Setup(q => q.FindGroupAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(FullGroup()));
                    break;
                case ListGroupMembers:
                    Queries.Setup(q => q.ListGroupMembersAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(Members()));
                    break;
                case CheckMembership:
                    Queries.Setup(q => q.CheckMembershipAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(new EntraMembershipCheck { IsMember = true, GroupId = TestData.GroupId, Transitive = true }));
                    break;
                case ListUserGroups:
                    Queries.Setup(q => q.ListUserGroupsAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Success(new EntraUserGroupList
                        {
                            Groups = [new EntraGroupSummary { Id = TestData.GroupId, DisplayName = "Retail", Kind = EntraGroupKind.Microsoft365, IsDynamic = true }],
                            Truncated = false,
                        }));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(actionId), actionId, null);
            }
        }

        /// <summary>Makes the single action <paramref name="actionId"/> fail with <paramref name="error"/>.</summary>
        public void SetUpFailure(string actionId, EntraActionError error)
        {
            switch (actionId)
            {
                case LookupUser:
                    Actions.Setup(a => a.LookupUserAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Failure<EntraUser>(error));
                    break;
                case LookupGroup:
                    Actions.Setup(a => a.LookupGroupAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(error));
                    break;
                case AddUserToGroup:
                    Actions.Setup(a => a.AddUserToGroupAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<EntraWriteOptions>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Failure<MembershipChange>(error));
                    break;
                case RemoveMemberFromGroup:
                    Actions.Setup(a => a.RemoveMemberFromGroupAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<EntraWriteOptions>(), It.IsAny<CancellationToken>()))
                        .ReturnsAsync(EntraActionResult.Failure<MembershipChange>(error));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(actionId), actionId, null);
            }
        }
    }
}
