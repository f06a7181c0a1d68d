using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>Find group against the demo tenant and custom seeds: exact, case-insensitive matches; none is NotFound; several are Ambiguous.</summary>
public abstract class FindGroupTests : EmulatorTestBase
{
    [Theory]
    [InlineData("Retail Team", DemoTenant.RetailTeamGroupId)]
    [InlineData("retail team", DemoTenant.RetailTeamGroupId)]
    [InlineData("  SALES AND MARKETING ", DemoTenant.SalesAndMarketingGroupId)]
    [InlineData("HR Taskforce", DemoTenant.HrTaskforceGroupId)]
    [InlineData("hrtaskforce@m365x214355.onmicrosoft.com", DemoTenant.HrTaskforceGroupId)] // mail
    [InlineData("HRTASKFORCE", DemoTenant.HrTaskforceGroupId)] // mail nickname
    [InlineData("Retail Managers (dynamic)", DemoTenant.DynamicGroupId)]
    public async Task FindGroup_ByDisplayNameMailOrNickname_ReturnsTheGroupAsLookupDoes(string name, string groupId)
    {
        QueryOracle.FindGroups(Emulator.Directory, name).Should().Equal(groupId);

        var found = await Queries.FindGroupAsync(name);
        var looked = await Actions.LookupGroupAsync(groupId);

        found.Succeeded.Should().BeTrue(found.ToString());
        found.Value.Should().BeEquivalentTo(looked.Value, "Find group returns the group as Look up group does");
        found.Value!.Id.Should().Be(groupId);
    }

    [Fact]
    public async Task FindGroup_MailOfTheMicrosoft365Group_ReturnsKindAndMail()
    {
        var model = Emulator.Directory.FindGroup(Guid.Parse(DemoTenant.AllCompanyGroupId))!;

        var result = await Queries.FindGroupAsync(model.Mail!.ToUpperInvariant());

        result.Value!.Id.Should().Be(DemoTenant.AllCompanyGroupId);
        result.Value.Kind.Should().Be(EntraGroupKind.Microsoft365);
        result.Value.Mail.Should().Be(model.Mail);
        result.Value.MailNickname.Should().Be(model.MailNickname);
    }

    [Theory]
    [InlineData("No Such Group")]
    [InlineData("Retail")] // a prefix of "Retail Team" and "Retail Managers (dynamic)"
    [InlineData("Retail Tea")]
    [InlineData("Retail Team 2")]
    [InlineData("Sales and")] // a prefix of "Sales and Marketing"
    public async Task FindGroup_NoExactMatch_NotFoundNamingTheName(string name)
    {
        QueryOracle.FindGroups(Emulator.Directory, name).Should().BeEmpty();

        var result = await Queries.FindGroupAsync(name);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain($"'{name}'");
        Emulator.Journal.Entries.Should().ContainSingle().Which.StatusCode.Should().Be(200, "no match is an empty page, not a Graph error");
    }

    [Fact]
    public async Task FindGroup_NameThatPrefixesAnotherGroup_MatchesOnlyTheExactOne()
    {
        var shortGroup = QueryOracle.Security("Ops");
        Emulator.Directory.AddGroup(shortGroup).AddGroup(QueryOracle.Security("Ops Team")).AddGroup(QueryOracle.Security("Ops Team East"));

        var result = await Queries.FindGroupAsync("ops");

        result.Value!.Id.Should().Be(shortGroup.Id.ToString());
        (await Queries.FindGroupAsync("Ops Team")).Value!.DisplayName.Should().Be("Ops Team");
    }

    [Fact]
    public async Task FindGroup_ThreeShareTheName_AmbiguousListingAllThreeIdsAndNames()
    {
        EmulatedGroup[] twins = [QueryOracle.Security("Project Owl"), QueryOracle.Security("project owl"), QueryOracle.Security("Other", mailNickname: "PROJECT OWL")];
        foreach (var twin in twins)
        {
            Emulator.Directory.AddGroup(twin);
        }

        var result = await Queries.FindGroupAsync("Project Owl");

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Ambiguous);
        result.Error.Message.Should().StartWith("3 groups");
        foreach (var twin in twins)
        {
            result.Error.Message.Should().Contain($"{twin.Id} ('{twin.DisplayName}', Security)");
        }

        result.Error.Message.Should().NotContain("...");
    }

    [Fact]
    public async Task FindGroup_TwelveShareTheName_AmbiguousListingTenAndSayingThereAreMore()
    {
        var twelve = Enumerable.Range(0, 12).Select(_ => QueryOracle.Security("Shared Name")).ToList();
        foreach (var group in twelve)
        {
            Emulator.Directory.AddGroup(group);
        }

        var result = await Queries.FindGroupAsync("shared name");

        result.Error!.Kind.Should().Be(EntraErrorKind.Ambiguous);
        result.Error.Message.Should().StartWith($"More than {FindGroupAction.MaxCandidatesListed} groups");
        twelve.Count(g => result.Error.Message.Contains(g.Id.ToString(), StringComparison.Ordinal)).Should().Be(FindGroupAction.MaxCandidatesListed);
        result.Error.Message.Should().Contain("; ...");
        Emulator.Journal.Entries.Should().ContainSingle("one page of eleven shows there are more than ten")
            .Which.Query.Should().Contain("$top=11");
    }

    [Fact]
    public async Task FindGroup_TwoShareTheName_IdResolvesIt()
    {
        var a = QueryOracle.Security("Twins");
        var b = QueryOracle.Security("Twins");
        Emulator.Directory.AddGroup(a).AddGroup(b);

        var result = await Queries.FindGroupAsync("Twins");

        result.Error!.Kind.Should().Be(EntraErrorKind.Ambiguous);
        result.Error.Message.Should().Contain(a.Id.ToString()).And.Contain(b.Id.ToString()).And.Contain("give the group's id instead");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public async Task FindGroup_BlankName_InvalidInputWithoutARequest(string name)
    {
        var result = await Queries.FindGroupAsync(name);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Count.Should().Be(0);
    }

    public sealed class InProcess : FindGroupTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : FindGroupTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
