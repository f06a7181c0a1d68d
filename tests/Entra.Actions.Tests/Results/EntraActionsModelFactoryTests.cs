using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Tests.Catalog;
using Moq;
using F = Entra.Actions.EntraActionsModelFactory;

namespace Entra.Actions.Tests.Results;

public class EntraActionsModelFactoryTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void EntraActionError_AllDetails_ComeBackAsGiven()
    {
        var error = F.EntraActionError(EntraErrorKind.Throttled, "Graph throttled 'x'.", "TooManyRequests", 429, TestData.RequestId, TimeSpan.FromSeconds(7));

        error.Kind.Should().Be(EntraErrorKind.Throttled);
        error.Message.Should().Be("Graph throttled 'x'.");
        error.GraphErrorCode.Should().Be("TooManyRequests");
        error.StatusCode.Should().Be(429);
        error.RequestId.Should().Be(TestData.RequestId);
        error.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
        error.Should().Be(new EntraActionError(EntraErrorKind.Throttled, "Graph throttled 'x'.")
        {
            GraphErrorCode = "TooManyRequests",
            StatusCode = 429,
            RequestId = TestData.RequestId,
            RetryAfter = TimeSpan.FromSeconds(7),
        });
    }

    [Fact]
    public void EntraActionError_EmptyMessage_ThrowsLikeTheConstructor()
    {
        var build = () => F.EntraActionError(EntraErrorKind.NotFound, string.Empty);

        build.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void EntraActionResultSuccess_Value_SucceedsAndReturnsIt()
    {
        var user = F.EntraUser(TestData.UserId);

        var result = F.EntraActionResultSuccess(user);

        result.Succeeded.Should().BeTrue();
        result.Value.Should().BeSameAs(user);
        result.Error.Should().BeNull();
        result.GetValueOrThrow().Should().BeSameAs(user);
    }

    [Fact]
    public void EntraActionResultFailure_FromDetails_BehavesLikeARealFailure()
    {
        var result = F.EntraActionResultFailure<EntraUser>(EntraErrorKind.NotFound, "User 'x' was not found.", "Request_ResourceNotFound", 404, TestData.RequestId);

        result.Succeeded.Should().BeFalse();
        result.Value.Should().BeNull();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.StatusCode.Should().Be(404);
        result.Error.GraphErrorCode.Should().Be("Request_ResourceNotFound");
        result.Error.RequestId.Should().Be(TestData.RequestId);
        result.Invoking(r => r.GetValueOrThrow()).Should().Throw<EntraActionException>().Which.Error.Should().BeSameAs(result.Error);
        result.Invoking(r => r.EnsureSuccess()).Should().Throw<EntraActionException>().Which.Error.Should().BeSameAs(result.Error);
    }

    [Fact]
    public void EntraActionResultFailure_FromError_CarriesThatError()
    {
        var error = F.EntraActionError(EntraErrorKind.Forbidden, "Refused.", statusCode: 403);

        var result = F.EntraActionResultFailure<MembershipChange>(error);

        result.Error.Should().BeSameAs(error);
        result.Invoking(r => r.GetValueOrThrow()).Should().Throw<EntraActionException>().Which.Error.Should().BeSameAs(error);
    }

    [Fact]
    public void BulkResult_Items_CountsComputedAsInARealOne()
    {
        var added = F.BulkItem(TestData.UserId, F.EntraActionResultSuccess(F.MembershipChange(TestData.UserId, TestData.GroupId)));
        var repeated = F.BulkItem(TestData.Upn, F.EntraActionResultSuccess(F.MembershipChange(TestData.UserId, TestData.GroupId)), isDuplicate: true);
        var failed = F.BulkItem("..", F.EntraActionResultFailure<MembershipChange>(EntraErrorKind.InvalidInput, "Invalid id '..'."));
        var items = new List<BulkItem<MembershipChange>> { added, repeated, failed };

        var result = F.BulkResult(items, isDryRun: true);
        items.Clear();

        result.Items.Should().Equal(added, repeated, failed);
        result.SucceededCount.Should().Be(2);
        result.FailedCount.Should().Be(1);
        result.AllSucceeded.Should().BeFalse();
        result.IsDryRun.Should().BeTrue();
        result.CallError.Should().BeNull();
        repeated.IsDuplicate.Should().BeTrue();
        repeated.Input.Should().Be(TestData.Upn);
        failed.Result.Succeeded.Should().BeFalse();
    }

    [Fact]
    public void BulkResult_CallError_IsKeptAndDefaultsAreEmpty()
    {
        var error = F.EntraActionError(EntraErrorKind.UnsupportedGroup, "The group is dynamic.");

        var result = F.BulkResult<MembershipChange>(callError: error);

        result.CallError.Should().BeSameAs(error);
        result.Items.Should().BeEmpty();
        result.IsDryRun.Should().BeFalse();
    }

    [Fact]
    public void EntraInvocationResultSuccess_Outputs_ComeBackAndWriteTheSameJson()
    {
        var result = F.EntraInvocationResultSuccess(CatalogSamples.LookupUser, new JsonObject { ["id"] = TestData.UserId, ["displayName"] = "Mary O'Brien" });

        result.Succeeded.Should().BeTrue();
        result.ActionId.Should().Be(CatalogSamples.LookupUser);
        result.Outputs.GetProperty("displayName").GetString().Should().Be("Mary O'Brien");
        result.ToJson().Should().Be($$$"""{"success":true,"outputs":{"id":"{{{TestData.UserId}}}","displayName":"Mary O'Brien"}}""");
        F.EntraInvocationResultSuccess("host.ping").Outputs.EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task EntraInvocationResultSuccess_Model_HasTheOutputsTheRealActionWrites()
    {
        var change = F.MembershipChange(TestData.UserId, TestData.GroupId, MembershipOutcome.AlreadyMember);
        var fixture = new CatalogSamples.Fixture();
        fixture.Actions.Setup(a => a.AddUserToGroupAsync(TestData.Upn, TestData.GroupId, It.IsAny<EntraWriteOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(F.EntraActionResultSuccess(change));
        var real = await fixture.Invoker.InvokeAsync(CatalogSamples.AddUserToGroup, CatalogSamples.Inputs(CatalogSamples.AddUserToGroup));

        var built = F.EntraInvocationResultSuccess(CatalogSamples.AddUserToGroup, change);

        built.Outputs.GetRawText().Should().Be(real.Outputs.GetRawText());
        built.ToJson().Should().Be(real.ToJson());
    }

    [Fact]
    public void EntraInvocationResultFailure_Error_BehavesLikeARealFailureAndWritesTheErrorFields()
    {
        var error = F.EntraActionError(EntraErrorKind.Throttled, "Graph throttled 'O'Brien'.", "TooManyRequests", 429, TestData.RequestId, TimeSpan.FromSeconds(1.5));

        var result = F.EntraInvocationResultFailure(CatalogSamples.LookupUser, error);

        result.Succeeded.Should().BeFalse();
        result.Error.Should().BeSameAs(error);
        result.Outputs.EnumerateObject().Should().BeEmpty();
        result.ToJson().Should().Be(
            $$$"""{"success":false,"error":{"kind":"Throttled","message":"Graph throttled 'O'Brien'.","graphErrorCode":"TooManyRequests","statusCode":429,"requestId":"{{{TestData.RequestId}}}","retryAfterSeconds":1.5}}""");
        result.ToJson().Should().Be(EntraInvocationResult.Failure(CatalogSamples.LookupUser, error).ToJson());
    }

    [Fact]
    public void EntraConnectionReport_AllValues_ComeBackAsGiven()
    {
        var ready = F.EntraActionReadiness("entra.lookup_user", "Look up user", ["User.Read.All"]);
        var blocked = F.EntraActionReadiness("entra.add_user_to_group", requiredPermissions: ["GroupMember.ReadWrite.All"], missingPermissions: ["GroupMember.ReadWrite.All"]);
        var warning = F.EntraConnectionWarning(EntraConnectionWarningKind.MissingPermissions, "Add user to group needs GroupMember.ReadWrite.All.");
        var domains = new List<string> { "contoso.com" };

        var report = F.EntraConnectionReport(
            "contoso",
            tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
            organizationDisplayName: "Contoso",
            verifiedDomains: domains,
            permissionModel: EntraPermissionModel.Delegated,
            userPrincipalName: TestData.Upn,
            userObjectId: TestData.UserId,
            applicationId: "app-id",
            grantedPermissions: ["User.Read.All", "Directory.Read.All"],
            directoryRoleTemplateIds: ["role-template"],
            actions: [ready, blocked],
            excessPermissions: ["Directory.Read.All"],
            warnings: [warning]);
        domains.Add("later.example");

        report.ConnectionName.Should().Be("contoso");
        report.Works.Should().BeTrue();
        report.Error.Should().BeNull();
        report.TenantId.Should().Be("72f988bf-86f1-41af-91ab-2d7cd011db47");
        report.OrganizationDisplayName.Should().Be("Contoso");
        report.VerifiedDomains.Should().Equal("contoso.com");
        report.PermissionModel.Should().Be(EntraPermissionModel.Delegated);
        report.UserPrincipalName.Should().Be(TestData.Upn);
        report.UserObjectId.Should().Be(TestData.UserId);
        report.ApplicationId.Should().Be("app-id");
        report.GrantedPermissions.Should().Equal("User.Read.All", "Directory.Read.All");
        report.DirectoryRoleTemplateIds.Should().Equal("role-template");
        report.Actions.Should().Equal(ready, blocked);
        report.ExcessPermissions.Should().Equal("Directory.Read.All");
        report.Warnings.Should().Equal(warning);
        ready.CanRun.Should().BeTrue();
        ready.DisplayName.Should().Be("Look up user");
        ready.RequiredPermissions.Should().Equal("User.Read.All");
        blocked.CanRun.Should().BeFalse();
        blocked.DisplayName.Should().Be("entra.add_user_to_group", "the id stands in for a display name not given");
        blocked.MissingPermissions.Should().Equal("GroupMember.ReadWrite.All");
        warning.Kind.Should().Be(EntraConnectionWarningKind.MissingPermissions);
    }

    [Fact]
    public void EntraConnectionReport_Error_DoesNotWorkAndListsAreEmpty()
    {
        var report = F.EntraConnectionReport("contoso", F.EntraActionError(EntraErrorKind.Unauthorized, "The credential was rejected."));

        report.Works.Should().BeFalse();
        report.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        report.PermissionModel.Should().Be(EntraPermissionModel.Unknown);
        report.Actions.Should().BeEmpty();
        report.Warnings.Should().BeEmpty();
        report.GrantedPermissions.Should().BeEmpty();
    }

    [Theory]
    [InlineData(MembershipOutcome.Added, false, true)]
    [InlineData(MembershipOutcome.Removed, true, false)]
    [InlineData(MembershipOutcome.NotAMember, false, false)]
    public void MembershipChange_Values_ComeBackAndChangedFollowsAsInARealOne(MembershipOutcome outcome, bool isDryRun, bool changed)
    {
        var change = F.MembershipChange(TestData.UserId, TestData.GroupId, outcome, isDryRun);

        change.MemberId.Should().Be(TestData.UserId);
        change.GroupId.Should().Be(TestData.GroupId);
        change.Outcome.Should().Be(outcome);
        change.IsDryRun.Should().Be(isDryRun);
        change.Changed.Should().Be(changed);
    }

    [Fact]
    public void EntraUser_Values_ComeBackAndExtraPropertiesAreACaseInsensitiveCopy()
    {
        using var department = JsonDocument.Parse("\"Retail\"");
        var extra = new Dictionary<string, JsonElement> { ["department"] = department.RootElement };

        var user = F.EntraUser(TestData.UserId, "Adele Vance", "Adele", "Vance", "adele@contoso.com", TestData.Upn, "Retail Manager", extra);
        extra.Clear();

        user.Id.Should().Be(TestData.UserId);
        user.DisplayName.Should().Be("Adele Vance");
        user.GivenName.Should().Be("Adele");
        user.Surname.Should().Be("Vance");
        user.Mail.Should().Be("adele@contoso.com");
        user.UserPrincipalName.Should().Be(TestData.Upn);
        user.JobTitle.Should().Be("Retail Manager");
        user.AdditionalProperties["Department"].GetString().Should().Be("Retail");
        F.EntraUser(TestData.UserId).AdditionalProperties.Should().BeEmpty();
    }

    [Fact]
    public void EntraGroup_Values_ComeBackAndKindFollowsAsInARealOne()
    {
        var group = F.EntraGroup(
            TestData.GroupId, "Sales", "The sales team", "sales@contoso.com", "sales", mailEnabled: true, securityEnabled: false,
            groupTypes: [EntraGroup.UnifiedGroupType, EntraGroup.DynamicMembershipGroupType], visibility: "Private", createdDateTime: Created,
            isAssignableToRole: true, onPremisesSyncEnabled: false, membershipRule: "user.department -eq \"Sales\"");

        group.Id.Should().Be(TestData.GroupId);
        group.DisplayName.Should().Be("Sales");
        group.Description.Should().Be("The sales team");
        group.Mail.Should().Be("sales@contoso.com");
        group.MailNickname.Should().Be("sales");
        group.MailEnabled.Should().BeTrue();
        group.SecurityEnabled.Should().BeFalse();
        group.GroupTypes.Should().Equal("Unified", "DynamicMembership");
        group.Visibility.Should().Be("Private");
        group.CreatedDateTime.Should().Be(Created);
        group.IsAssignableToRole.Should().BeTrue();
        group.OnPremisesSyncEnabled.Should().BeFalse();
        group.MembershipRule.Should().Be("user.department -eq \"Sales\"");
        group.Kind.Should().Be(EntraGroupKind.Microsoft365);
        group.IsDynamic.Should().BeTrue();
        F.EntraGroup(TestData.GroupId).Kind.Should().Be(EntraGroupKind.Security, "the defaults make a security group");
    }

    [Fact]
    public void QueryModels_Values_ComeBackAsGiven()
    {
        var member = F.EntraDirectoryObject(TestData.UserId, "Adele Vance", TestData.Upn, "adele@contoso.com");
        var device = F.EntraDirectoryObject("device-id", objectType: EntraObjectType.Device);
        var summary = F.EntraGroupSummary(TestData.GroupId, "Retail Managers", EntraGroupKind.Security, isDynamic: true);
        var user = F.EntraUser(TestData.UserId);

        var members = F.EntraGroupMemberList([member, device], truncated: true);
        var search = F.EntraUserSearchResult([user]);
        var groups = F.EntraUserGroupList([summary], truncated: true);
        var check = F.EntraMembershipCheck(TestData.GroupId, isMember: true, transitive: true);

        members.Members.Should().Equal(member, device);
        members.Count.Should().Be(2);
        members.Truncated.Should().BeTrue();
        member.ObjectType.Should().Be(EntraObjectType.User);
        member.UserPrincipalName.Should().Be(TestData.Upn);
        member.Mail.Should().Be("adele@contoso.com");
        device.ObjectType.Should().Be(EntraObjectType.Device);
        search.Users.Should().Equal(user);
        search.Truncated.Should().BeFalse();
        groups.Groups.Should().Equal(summary);
        groups.Truncated.Should().BeTrue();
        summary.DisplayName.Should().Be("Retail Managers");
        summary.IsDynamic.Should().BeTrue();
        check.GroupId.Should().Be(TestData.GroupId);
        check.IsMember.Should().BeTrue();
        check.Transitive.Should().BeTrue();
        F.EntraGroupMemberList().Members.Should().BeEmpty();
    }

    [Fact]
    public void Factories_MissingRequiredIds_Throw()
    {
        ((Action)(() => F.EntraUser(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => F.EntraGroup(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => F.MembershipChange(TestData.UserId, null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => F.EntraConnectionReport(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => F.EntraInvocationResultFailure(CatalogSamples.LookupUser, null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => F.BulkItem<EntraUser>("x", null!))).Should().Throw<ArgumentNullException>();
    }
}
