using System.Text.Json;

namespace Entra.Actions.Emulator.Tests.Model;

public class EmulatedDirectoryTests
{
    [Fact]
    public void DemoTenant_Create_HasDocumentedUsersAndOneGroupOfEachKind()
    {
        var directory = DemoTenant.Create();

        directory.UserCount.Should().Be(DemoTenant.UserCount).And.BeGreaterThan(24);
        directory.Users[0].DisplayName.Should().Be("Adele Vance");
        directory.FindUser(DemoTenant.AdeleVanceUpn)!.JobTitle.Should().Be("Retail Manager");
        directory.FindUser(DemoTenant.GuestUserUpn)!.UserType.Should().Be("Guest");
        directory.FindUser(DemoTenant.DisabledUserId)!.AccountEnabled.Should().BeFalse();
        directory.TenantId.Should().Be(Guid.Parse(DemoTenant.TenantId));
        directory.Organization.VerifiedDomains.Should().Contain(DemoTenant.Domain);

        Group(directory, DemoTenant.HrTaskforceGroupId).IsMicrosoft365.Should().BeTrue();
        Group(directory, DemoTenant.SalesAndMarketingGroupId).SecurityEnabled.Should().BeTrue();
        Group(directory, DemoTenant.MailEnabledSecurityGroupId).Should().Match<EmulatedGroup>(g => g.MailEnabled && g.SecurityEnabled && !g.IsMicrosoft365);
        Group(directory, DemoTenant.DistributionListGroupId).Should().Match<EmulatedGroup>(g => g.MailEnabled && !g.SecurityEnabled);
        Group(directory, DemoTenant.DynamicGroupId).Should().Match<EmulatedGroup>(g => g.IsDynamic && g.MembershipRule != null);
        Group(directory, DemoTenant.OnPremisesSyncedGroupId).OnPremisesSyncEnabled.Should().BeTrue();
        Group(directory, DemoTenant.RoleAssignableGroupId).IsAssignableToRole.Should().BeTrue();
    }

    [Fact]
    public void DemoTenant_Create_ReturnsIndependentCopies()
    {
        var first = DemoTenant.Create();
        var second = DemoTenant.Create();

        first.AddMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId));

        second.GetMemberIds(Guid.Parse(DemoTenant.ProjectFalconGroupId)).Should().BeEmpty();
    }

    [Fact]
    public void GetTransitiveMemberOf_NestedGroup_IncludesParent()
    {
        var directory = DemoTenant.Create();
        var adele = Guid.Parse(DemoTenant.AdeleVanceId);

        directory.GetMemberOf(adele).Should().NotContain(Guid.Parse(DemoTenant.SalesAndMarketingGroupId));
        directory.GetTransitiveMemberOf(adele).Should().Contain([Guid.Parse(DemoTenant.RetailTeamGroupId), Guid.Parse(DemoTenant.SalesAndMarketingGroupId)]);
        directory.GetTransitiveMemberIds(Guid.Parse(DemoTenant.SalesAndMarketingGroupId)).Should().Contain(adele);
    }

    [Fact]
    public void AddUser_DuplicateUpnDifferentCase_Throws()
    {
        var directory = DemoTenant.Create();

        var act = () => directory.AddUser(new EmulatedUser { Id = Guid.NewGuid(), DisplayName = "X", UserPrincipalName = "adelev@CONTOSO.com" });

        act.Should().Throw<ArgumentException>().WithMessage("*already exists*");
    }

    [Fact]
    public void FromJson_ValidSeed_LoadsUsersGroupsAndMembers()
    {
        const string json = """
            {
              "organization": { "id": "11111111-1111-1111-1111-111111111111", "displayName": "Fabrikam", "verifiedDomains": ["fabrikam.com"] },
              "users": [
                { "id": "22222222-2222-2222-2222-222222222222", "displayName": "Ann", "userPrincipalName": "ann@fabrikam.com", "jobTitle": "CFO" },
                { "id": "33333333-3333-3333-3333-333333333333", "displayName": "Bob", "userPrincipalName": "bob@fabrikam.com", "accountEnabled": false }
              ],
              "groups": [
                { "id": "44444444-4444-4444-4444-444444444444", "displayName": "Finance", "securityEnabled": true,
                  "members": ["22222222-2222-2222-2222-222222222222"] },
                { "id": "55555555-5555-5555-5555-555555555555", "displayName": "Dyn", "securityEnabled": true,
                  "groupTypes": ["DynamicMembership"], "membershipRule": "(user.department -eq \"x\")" }
              ]
            }
            """;

        var directory = EmulatedDirectory.FromJson(json);

        directory.Organization.DisplayName.Should().Be("Fabrikam");
        directory.FindUser("ANN@fabrikam.com")!.JobTitle.Should().Be("CFO");
        directory.FindUser("bob@fabrikam.com")!.AccountEnabled.Should().BeFalse();
        directory.IsMember(Guid.Parse("44444444-4444-4444-4444-444444444444"), Guid.Parse("22222222-2222-2222-2222-222222222222")).Should().BeTrue();
        directory.FindGroup(Guid.Parse("55555555-5555-5555-5555-555555555555"))!.IsDynamic.Should().BeTrue();
    }

    [Fact]
    public void FromJsonFile_MissingOrganization_ThrowsJsonException()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "users": [] }""");
        try
        {
            var act = () => EmulatedDirectory.FromJsonFile(path);
            act.Should().Throw<JsonException>().WithMessage("*organization*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Directory_ConcurrentAddsAndReads_StayConsistent()
    {
        var directory = DemoTenant.Create();
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(() =>
        {
            directory.AddUser(new EmulatedUser { Id = id, DisplayName = "U", UserPrincipalName = $"{id}@contoso.com" });
            directory.AddMember(group, id);
            _ = directory.GetMemberIds(group);
        })));

        directory.GetMemberIds(group).Should().HaveCount(200).And.OnlyHaveUniqueItems();
    }

    private static EmulatedGroup Group(EmulatedDirectory directory, string id) => directory.FindGroup(Guid.Parse(id))!;
}
