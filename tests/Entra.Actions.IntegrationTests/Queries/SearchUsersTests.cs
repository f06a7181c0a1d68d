using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>Search users against the demo tenant: every answer equals a prefix match computed in C# from the emulator's model.</summary>
public abstract class SearchUsersTests : EmulatorTestBase
{
    [Theory]
    [InlineData("Adele")] // displayName and givenName
    [InlineData("adele v")] // displayName, other case
    [InlineData("VANCE")] // surname
    [InlineData("meganb@")] // mail and UPN
    [InlineData("AlexW@contoso.com")] // a whole address
    [InlineData("a")] // many
    [InlineData("Lee")]
    [InlineData("  Diego  ")] // surrounding white space is ignored
    [InlineData("Retail")] // a job title is not searched
    public async Task SearchUsers_Prefix_EqualsTheOracle(string query)
    {
        var expected = QueryOracle.SearchUsers(Emulator.Directory, query);

        var result = await Queries.SearchUsersAsync(query, limit: 999);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Users.Select(u => u.Id).Should().Equal(expected, "Graph's (the directory's) order");
        result.Value.Truncated.Should().BeFalse();
    }

    [Theory]
    [InlineData("Megan", "48d31887-5fad-4d73-a9f5-3c356e68a038")]
    [InlineData("bowen", "48d31887-5fad-4d73-a9f5-3c356e68a038")]
    [InlineData("ADELEV@CONTOSO", "87d349ed-44d7-43e1-9a83-5f2406dee5bd")]
    [InlineData("siciliani", "ec63c778-24e1-4240-bea3-d12a167d5232")]
    public async Task SearchUsers_AnyOfTheFiveNamesAnyCase_FindsTheUser(string query, string userId)
    {
        var result = await Queries.SearchUsersAsync(query);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Users.Select(u => u.Id).Should().Equal(userId);
        var user = result.Value.Users[0];
        var model = Emulator.Directory.FindUser(userId)!;
        user.DisplayName.Should().Be(model.DisplayName);
        user.UserPrincipalName.Should().Be(model.UserPrincipalName);
        user.Mail.Should().Be(model.Mail);
        user.JobTitle.Should().Be(model.JobTitle);
    }

    [Fact]
    public async Task SearchUsers_Jane_FindsTheGuestWithItsExtUpn()
    {
        var result = await Queries.SearchUsersAsync("jane");

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Users.Should().ContainSingle().Which.UserPrincipalName.Should().Be(DemoTenant.GuestUserUpn);
        result.Value.Users[0].Id.Should().Be(DemoTenant.GuestUserId);
    }

    [Fact]
    public async Task SearchUsers_GuestUpnPrefixWithHash_FindsTheGuest()
    {
        var result = await Queries.SearchUsersAsync("jane.doe_fabrikam.com#EXT#");

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Users.Select(u => u.Id).Should().Equal(DemoTenant.GuestUserId);
    }

    [Fact]
    public async Task SearchUsers_NoMatch_EmptyNotAnError()
    {
        var result = await Queries.SearchUsersAsync("zzzz-nobody");

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Users.Should().BeEmpty();
        result.Value.Truncated.Should().BeFalse();
        Emulator.Journal.Entries.Should().ContainSingle().Which.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task SearchUsers_LimitBelowMatches_TruncatedWithTheFirstMatches()
    {
        var expected = QueryOracle.SearchUsers(Emulator.Directory, "a");
        expected.Count.Should().BeGreaterThan(2);

        var one = await Queries.SearchUsersAsync("a", limit: 1);
        var almost = await Queries.SearchUsersAsync("a", limit: expected.Count - 1);

        one.Value!.Users.Select(u => u.Id).Should().Equal(expected.Take(1));
        one.Value.Truncated.Should().BeTrue();
        almost.Value!.Users.Select(u => u.Id).Should().Equal(expected.Take(expected.Count - 1));
        almost.Value.Truncated.Should().BeTrue();
    }

    [Fact]
    public async Task SearchUsers_LimitEqualToOrAboveMatches_NotTruncated()
    {
        var expected = QueryOracle.SearchUsers(Emulator.Directory, "a");

        var exact = await Queries.SearchUsersAsync("a", limit: expected.Count);
        var above = await Queries.SearchUsersAsync("a", limit: expected.Count + 1);

        exact.Value!.Users.Select(u => u.Id).Should().Equal(expected);
        exact.Value.Truncated.Should().BeFalse("exactly the limit matched");
        above.Value!.Users.Select(u => u.Id).Should().Equal(expected);
        above.Value.Truncated.Should().BeFalse();
    }

    [Fact]
    public async Task SearchUsers_TwoMatchesLimitOne_TruncatedInOneRequestWithTopTwo()
    {
        Emulator.Directory.AddUser(QueryOracle.User("Zed Alpha", "zed.alpha")).AddUser(QueryOracle.User("Zed Beta", "zed.beta"));

        var result = await Queries.SearchUsersAsync("zed", limit: 1);

        result.Value!.Users.Should().ContainSingle().Which.DisplayName.Should().Be("Zed Alpha");
        result.Value.Truncated.Should().BeTrue();
        var request = Emulator.Journal.Entries.Should().ContainSingle().Subject;
        Uri.UnescapeDataString(request.Query).Should().Contain("$top=2");
    }

    [Fact]
    public async Task SearchUsers_DisabledUser_IsFoundLikeAnyOther()
    {
        var result = await Queries.SearchUsersAsync("ray h");

        result.Value!.Users.Select(u => u.Id).Should().Equal(DemoTenant.DisabledUserId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public async Task SearchUsers_LimitOutOfRange_InvalidInputWithoutARequest(int limit)
    {
        var result = await Queries.SearchUsersAsync("a", limit);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().Contain("Limit");
        Emulator.Journal.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SearchUsers_BlankQuery_InvalidInputWithoutARequest(string query)
    {
        var result = await Queries.SearchUsersAsync(query);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Count.Should().Be(0);
    }

    public sealed class InProcess : SearchUsersTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : SearchUsersTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
