namespace Entra.Actions.Emulator.Tests.Model;

/// <summary>AddOrReplace keeps the indexes consistent: it never takes another object's id or user principal name.</summary>
public class ReplaceTests
{
    private static readonly Guid Adele = Guid.Parse(DemoTenant.AdeleVanceId);
    private static readonly Guid Megan = Guid.Parse(DemoTenant.MeganBowenId);

    [Fact]
    public void AddOrReplaceUser_UpnOfAnotherUser_ThrowsAndKeepsBothUsers()
    {
        var directory = DemoTenant.Create();
        var megan = directory.FindUser(DemoTenant.MeganBowenId)!;

        var act = () => directory.AddOrReplaceUser(megan with { UserPrincipalName = "adelev@CONTOSO.com" });

        act.Should().Throw<ArgumentException>().WithMessage("*already exists*");
        directory.FindUser(DemoTenant.AdeleVanceUpn)!.Id.Should().Be(Adele);
        directory.FindUser(megan.UserPrincipalName)!.Id.Should().Be(Megan);
    }

    [Fact]
    public void AddOrReplaceUser_NewIdWithTakenUpn_Throws()
    {
        var directory = DemoTenant.Create();

        var act = () => directory.AddOrReplaceUser(new EmulatedUser { Id = Guid.NewGuid(), DisplayName = "X", UserPrincipalName = DemoTenant.AdeleVanceUpn });

        act.Should().Throw<ArgumentException>();
        directory.FindUser(DemoTenant.AdeleVanceUpn)!.Id.Should().Be(Adele);
    }

    [Fact]
    public void AddOrReplaceUser_IdOfAGroup_Throws()
    {
        var directory = DemoTenant.Create();

        var act = () => directory.AddOrReplaceUser(new EmulatedUser { Id = Guid.Parse(DemoTenant.RetailTeamGroupId), DisplayName = "X", UserPrincipalName = "x@contoso.com" });

        act.Should().Throw<ArgumentException>();
        directory.FindUser("x@contoso.com").Should().BeNull();
    }

    [Fact]
    public void AddOrReplaceUser_SameUserNewUpnDifferentCase_Renames()
    {
        var directory = DemoTenant.Create();
        var adele = directory.FindUser(DemoTenant.AdeleVanceId)!;

        directory.AddOrReplaceUser(adele with { UserPrincipalName = "adele.vance@contoso.com" });

        directory.FindUser(DemoTenant.AdeleVanceUpn).Should().BeNull();
        directory.FindUser("adele.vance@contoso.com")!.Id.Should().Be(Adele);
        directory.AddOrReplaceUser(adele with { UserPrincipalName = "ADELE.VANCE@contoso.com" });
        directory.FindUser("adele.vance@contoso.com")!.UserPrincipalName.Should().Be("ADELE.VANCE@contoso.com");
    }

    [Fact]
    public void AddOrReplaceGroup_IdOfAUser_ThrowsAndKeepsUser()
    {
        var directory = DemoTenant.Create();

        var act = () => directory.AddOrReplaceGroup(EmulatedGroup.CreateSecurity(Adele, "Not a group"));

        act.Should().Throw<ArgumentException>().WithMessage("*already exists*");
        directory.FindGroup(Adele).Should().BeNull();
        directory.FindUser(DemoTenant.AdeleVanceId).Should().NotBeNull();
    }

    [Fact]
    public void AddOrReplaceGroup_ExistingGroup_KeepsMembers()
    {
        var directory = DemoTenant.Create();
        var retail = directory.FindGroup(Guid.Parse(DemoTenant.RetailTeamGroupId))!;

        directory.AddOrReplaceGroup(retail with { DisplayName = "Retail" });

        directory.FindGroup(retail.Id)!.DisplayName.Should().Be("Retail");
        directory.GetMemberIds(retail.Id).Should().Contain(Adele);
    }
}
