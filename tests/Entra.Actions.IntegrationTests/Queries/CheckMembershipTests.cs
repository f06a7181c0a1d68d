using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>Check membership against the demo tenant: transitive and direct answers, who is missing, and how many requests each takes.</summary>
public abstract class CheckMembershipTests : EmulatorTestBase
{
    private const string SalesAndMarketing = DemoTenant.SalesAndMarketingGroupId;

    [Theory]
    [InlineData(DemoTenant.AdeleVanceId, true, true)] // through Retail Team
    [InlineData(DemoTenant.AdeleVanceUpn, true, true)]
    [InlineData(DemoTenant.AdeleVanceId, false, false)]
    [InlineData(DemoTenant.AdeleVanceUpn, false, false)]
    [InlineData(DemoTenant.AlexWilberId, true, true)]
    [InlineData(DemoTenant.AlexWilberId, false, true)]
    [InlineData("alexw@CONTOSO.com", false, true)]
    [InlineData(DemoTenant.LidiaHollowayId, true, false)]
    [InlineData(DemoTenant.LidiaHollowayId, false, false)]
    public async Task CheckMembership_SalesAndMarketing_AnswersAsTheModel(string userId, bool transitive, bool expected)
    {
        var user = Emulator.Directory.FindUser(userId)!.Id;
        var model = transitive
            ? Emulator.Directory.GetTransitiveMemberOf(user).Contains(Guid.Parse(SalesAndMarketing))
            : Emulator.Directory.IsMember(Guid.Parse(SalesAndMarketing), user);
        model.Should().Be(expected);

        var result = await Queries.CheckMembershipAsync(userId, SalesAndMarketing, transitive);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.IsMember.Should().Be(expected);
        result.Value.GroupId.Should().Be(SalesAndMarketing);
        result.Value.Transitive.Should().Be(transitive);
    }

    [Theory]
    [InlineData(DemoTenant.AdeleVanceId)]
    [InlineData(DemoTenant.AdeleVanceUpn)]
    public async Task CheckMembership_TransitiveMember_ExactlyOneRequest(string userId)
    {
        var result = await Queries.CheckMembershipAsync(userId, SalesAndMarketing);

        result.Value!.IsMember.Should().BeTrue();
        var request = Emulator.Journal.Entries.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.RawPath.Should().EndWith("/checkMemberGroups");
        request.Body.Should().Contain(SalesAndMarketing);
    }

    [Fact]
    public async Task CheckMembership_DirectMemberById_ExactlyOneRequest()
    {
        var result = await Queries.CheckMembershipAsync(DemoTenant.AlexWilberId, SalesAndMarketing, transitive: false);

        result.Value!.IsMember.Should().BeTrue();
        Emulator.Journal.Entries.Should().ContainSingle().Which.RawPath.Should().EndWith($"/members/{DemoTenant.AlexWilberId}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CheckMembership_MissingGroup_NotFoundNamingTheGroup(bool transitive)
    {
        var missing = Guid.NewGuid().ToString();

        var result = await Queries.CheckMembershipAsync(DemoTenant.AdeleVanceId, missing, transitive);

        result.Succeeded.Should().BeFalse("a mistyped group id is never a silent false");
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain($"Group '{missing}'");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task CheckMembership_MissingUser_NotFoundNamingTheUser(bool transitive, bool byUpn)
    {
        var missing = byUpn ? "nobody@contoso.com" : Guid.NewGuid().ToString();

        var result = await Queries.CheckMembershipAsync(missing, SalesAndMarketing, transitive);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain($"User '{missing}'");
    }

    [Theory]
    [InlineData(DemoTenant.RetailTeamGroupId, true)] // a nested group of Sales and Marketing
    [InlineData(DemoTenant.RetailTeamGroupId, false)]
    [InlineData(DemoTenant.ProjectFalconGroupId, true)] // a group that is not a member
    [InlineData(DemoTenant.ProjectFalconGroupId, false)]
    public async Task CheckMembership_GroupIdAsUserId_NotFound(string groupAsUser, bool transitive)
    {
        var result = await Queries.CheckMembershipAsync(groupAsUser, SalesAndMarketing, transitive);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain($"User '{groupAsUser}'");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CheckMembership_GuestByExtUpn_Works(bool transitive)
    {
        Emulator.Directory.AddMember(Guid.Parse(DemoTenant.RetailTeamGroupId), Guid.Parse(DemoTenant.GuestUserId));

        var inRetail = await Queries.CheckMembershipAsync(DemoTenant.GuestUserUpn, DemoTenant.RetailTeamGroupId, transitive);
        var inSales = await Queries.CheckMembershipAsync(DemoTenant.GuestUserUpn, SalesAndMarketing, transitive);
        var inFalcon = await Queries.CheckMembershipAsync(DemoTenant.GuestUserUpn, DemoTenant.ProjectFalconGroupId, transitive);

        inRetail.Value!.IsMember.Should().BeTrue(inRetail.ToString());
        inSales.Value!.IsMember.Should().Be(transitive, inSales.ToString());
        inFalcon.Value!.IsMember.Should().BeFalse(inFalcon.ToString());
    }

    [Theory]
    [InlineData("", DemoTenant.ProjectFalconGroupId)]
    [InlineData("../groups", DemoTenant.ProjectFalconGroupId)]
    [InlineData(DemoTenant.AdeleVanceId, "Project Falcon")]
    [InlineData(DemoTenant.AdeleVanceId, "")]
    public async Task CheckMembership_InvalidIds_InvalidInputWithoutARequest(string userId, string groupId)
    {
        var result = await Queries.CheckMembershipAsync(userId, groupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Count.Should().Be(0);
    }

    public sealed class InProcess : CheckMembershipTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : CheckMembershipTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
