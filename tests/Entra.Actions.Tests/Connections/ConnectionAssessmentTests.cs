using Entra.Actions.Connections.Internal;
using Entra.Actions.Tests.Catalog;

namespace Entra.Actions.Tests.Connections;

public sealed class ConnectionAssessmentTests
{
    private static readonly IReadOnlyList<EntraActionDescriptor> SeedActions = new EntraActionCatalog().Actions;

    private static EntraActionReadiness Action(ConnectionAssessment assessment, string id) => assessment.Actions.Single(a => a.ActionId == id);

    [Fact]
    public void Assess_LeastPrivilegeApplicationPermissions_EveryActionRunsNothingExcessNoWarning()
    {
        var assessment = ConnectionAssessment.Assess(
            EntraPermissionModel.Application, ["User.Read.All", "GroupMember.ReadWrite.All"], SeedActions, null);

        assessment.Actions.Select(a => a.ActionId).Should().Equal(CatalogSamples.AllIds);
        assessment.Actions.Should().OnlyContain(a => a.CanRun && a.MissingPermissions.Count == 0);
        assessment.ExcessPermissions.Should().BeEmpty();
        assessment.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Assess_OnlyUserReadAll_LookupUserRunsAndTheOthersNameWhatIsMissing()
    {
        var assessment = ConnectionAssessment.Assess(EntraPermissionModel.Application, ["User.Read.All"], SeedActions, null);

        Action(assessment, "entra.lookup_user").CanRun.Should().BeTrue();
        Action(assessment, "entra.lookup_group").MissingPermissions.Should().Equal("GroupMember.Read.All");
        Action(assessment, "entra.add_user_to_group").MissingPermissions.Should().Equal("GroupMember.ReadWrite.All");
        Action(assessment, "entra.remove_member_from_group").MissingPermissions.Should().Equal("GroupMember.ReadWrite.All");
        var warning = assessment.Warnings.Should().ContainSingle().Which;
        warning.Kind.Should().Be(EntraConnectionWarningKind.MissingPermissions);
        warning.Message.Should().Contain("9 of 12 actions cannot run").And.Contain("Add user to group needs GroupMember.ReadWrite.All");
    }

    [Fact]
    public void Assess_BroaderPermissions_SatisfyTheActionsButAreReportedAsExcess()
    {
        var assessment = ConnectionAssessment.Assess(EntraPermissionModel.Application, ["Directory.ReadWrite.All", "Mail.Send"], SeedActions, null);

        assessment.Actions.Should().OnlyContain(a => a.CanRun);
        assessment.ExcessPermissions.Should().Equal("Directory.ReadWrite.All", "Mail.Send");
        var warning = assessment.Warnings.Should().ContainSingle().Which;
        warning.Kind.Should().Be(EntraConnectionWarningKind.ExcessPermissions);
        warning.Message.Should().Contain("Directory.ReadWrite.All, Mail.Send").And.Contain("GroupMember.ReadWrite.All");
    }

    [Fact]
    public void Assess_TheFourDocumentedPermissions_FlagGroupReadAllAsUnneededByTheSeedActions()
    {
        // The product's documented connection asks for Group.Read.All too; no seed action's metadata needs it (Lookup group needs GroupMember.Read.All).
        var assessment = ConnectionAssessment.Assess(
            EntraPermissionModel.Application, ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"], SeedActions, null);

        assessment.Actions.Should().OnlyContain(a => a.CanRun);
        assessment.ExcessPermissions.Should().Equal("Group.Read.All");
    }

    [Fact]
    public void Assess_EveryListedPermission_ReportsTheIncludedOneAsRedundantInformationNotExcess()
    {
        var assessment = ConnectionAssessment.Assess(
            EntraPermissionModel.Application, ["User.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"], SeedActions, null);

        assessment.Actions.Should().OnlyContain(a => a.CanRun);
        assessment.ExcessPermissions.Should().BeEmpty();
        var warning = assessment.Warnings.Should().ContainSingle().Which;
        warning.Kind.Should().Be(EntraConnectionWarningKind.RedundantPermissions);
        warning.Message.Should().Contain("For information, nothing to change")
            .And.Contain("GroupMember.Read.All is included in GroupMember.ReadWrite.All")
            .And.Contain("The least the actions need is User.Read.All, GroupMember.ReadWrite.All")
            .And.NotContain("remove");
    }

    [Fact]
    public void Assess_TheFourClassicScopes_GroupMemberReadAllIsRedundantAndOnlyGroupReadAllIsExcess()
    {
        var assessment = ConnectionAssessment.Assess(
            EntraPermissionModel.Delegated,
            ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "openid", "profile", "offline_access"],
            SeedActions,
            "svc-flows@contoso.example");

        assessment.Actions.Should().OnlyContain(a => a.CanRun);
        assessment.ExcessPermissions.Should().Equal(["Group.Read.All"], "no action names it, and it reads more of a group than GroupMember.Read.All");
        assessment.Warnings.Select(w => w.Kind).Should().Equal(
            EntraConnectionWarningKind.DelegatedConnection, EntraConnectionWarningKind.ExcessPermissions, EntraConnectionWarningKind.RedundantPermissions);
        assessment.Warnings[1].Message.Should().Contain("Granted beyond what the actions need: Group.Read.All.")
            .And.Contain("grant only User.Read.All, GroupMember.ReadWrite.All.");
        assessment.Warnings[2].Message.Should().Contain("GroupMember.Read.All is included in GroupMember.ReadWrite.All").And.NotContain("Group.Read.All is");
    }

    [Fact]
    public void Assess_NeededPermissionIncludedOnlyByAnExcessOne_IsNotRedundant()
    {
        // Group.ReadWrite.All is to be removed; GroupMember.ReadWrite.All then does the work, so it must not be called redundant.
        var assessment = ConnectionAssessment.Assess(
            EntraPermissionModel.Application, ["User.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All"], SeedActions, null);

        assessment.ExcessPermissions.Should().Equal("Group.ReadWrite.All");
        assessment.Warnings.Should().ContainSingle().Which.Kind.Should().Be(EntraConnectionWarningKind.ExcessPermissions);
    }

    [Fact]
    public void Assess_ExactlyTheConnectFlowDefaults_NothingExcessNothingRedundant()
    {
        var assessment = ConnectionAssessment.Assess(
            EntraPermissionModel.Delegated, [.. EntraConnectOptions.DefaultScopes, "openid", "profile", "offline_access"], SeedActions, "svc-flows@contoso.example");

        assessment.Actions.Should().OnlyContain(a => a.CanRun);
        assessment.ExcessPermissions.Should().BeEmpty();
        assessment.Warnings.Should().ContainSingle().Which.Kind.Should().Be(EntraConnectionWarningKind.DelegatedConnection);
    }

    [Fact]
    public void Assess_Delegated_WarnsThatActionsAreAttributedToThePersonAndIgnoresSignInScopes()
    {
        var assessment = ConnectionAssessment.Assess(
            EntraPermissionModel.Delegated,
            ["openid", "profile", "offline_access", "User.Read", "User.Read.All", "GroupMember.ReadWrite.All"],
            SeedActions,
            "svc-flows@contoso.example");

        assessment.Actions.Should().OnlyContain(a => a.CanRun, "GroupMember.ReadWrite.All includes GroupMember.Read.All");
        assessment.ExcessPermissions.Should().BeEmpty();
        var warning = assessment.Warnings.Should().ContainSingle().Which;
        warning.Kind.Should().Be(EntraConnectionWarningKind.DelegatedConnection);
        warning.Message.Should().Contain("svc-flows@contoso.example").And.Contain("dedicated service account");
    }

    [Fact]
    public void Assess_DelegatedAccessAsUser_RunsEverythingButIsExcess()
    {
        var assessment = ConnectionAssessment.Assess(EntraPermissionModel.Delegated, ["Directory.AccessAsUser.All"], SeedActions, null);

        assessment.Actions.Should().OnlyContain(a => a.CanRun);
        assessment.ExcessPermissions.Should().Equal("Directory.AccessAsUser.All");
        assessment.Warnings.Select(w => w.Kind).Should().Equal(EntraConnectionWarningKind.DelegatedConnection, EntraConnectionWarningKind.ExcessPermissions);
        assessment.Warnings[0].Message.Should().Contain("the signed-in user");
    }

    [Fact]
    public void Assess_AccessAsUserInAnApplicationToken_IsNotHonoured()
    {
        var assessment = ConnectionAssessment.Assess(EntraPermissionModel.Application, ["Directory.AccessAsUser.All"], SeedActions, null);

        assessment.Actions.Should().OnlyContain(a => !a.CanRun);
        assessment.ExcessPermissions.Should().Equal("Directory.AccessAsUser.All");
    }

    [Fact]
    public void Assess_UsesTheDelegatedOrApplicationListOfEachAction()
    {
        var action = new EntraActionDescriptor
        {
            Id = "test.split",
            DisplayName = "Split",
            Description = "Needs different permissions per model.",
            Inputs = [],
            Outputs = [],
            InputSchema = [],
            OutputSchema = [],
            DelegatedPermissions = ["User.ReadBasic.All"],
            ApplicationPermissions = ["User.Read.All"],
            Handler = (_, _) => Task.FromResult(EntraActionResult.Success(new System.Text.Json.Nodes.JsonObject())),
        };

        ConnectionAssessment.Assess(EntraPermissionModel.Delegated, ["User.ReadBasic.All"], [action], null).Actions[0].CanRun.Should().BeTrue();
        ConnectionAssessment.Assess(EntraPermissionModel.Application, ["User.ReadBasic.All"], [action], null).Actions[0].MissingPermissions.Should().Equal("User.Read.All");
    }

    [Fact]
    public void Assess_UnknownModel_ReportsNothing()
    {
        var assessment = ConnectionAssessment.Assess(EntraPermissionModel.Unknown, ["User.Read.All"], SeedActions, null);

        assessment.Actions.Should().BeEmpty();
        assessment.ExcessPermissions.Should().BeEmpty();
        assessment.Warnings.Should().BeEmpty();
    }
}
